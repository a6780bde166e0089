// Streams one chat completion through the official OpenAI SDK and prints what it saw as JSON.
// Usage: node stream-chat.mjs <baseURL> <model> [maxTokens]
import OpenAI from "openai";

const [baseURL, model, maxTokens = "16"] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: "not-needed", maxRetries: 0, timeout: 30000 });

const stream = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Say hello to the autoscaler." }],
  max_tokens: Number(maxTokens),
  stream: true,
  stream_options: { include_usage: true },
});

let chunks = 0;
let text = "";
let usage = null;
let finishReason = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.usage) usage = chunk.usage;
  for (const choice of chunk.choices) {
    text += choice.delta?.content ?? "";
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
}
const models = await client.models.list();
console.log(JSON.stringify({ chunks, text, usage, finishReason, models: models.data.map((m) => m.id) }));
