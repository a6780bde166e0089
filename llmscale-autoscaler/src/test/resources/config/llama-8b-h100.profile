# llmscale-profile v1
# Synthetic numbers shaped like Llama-3.1-8B on one H100 (vLLM), for tests and as a format example.
model=meta-llama/Llama-3.1-8B-Instruct
gpu=h100
engine=vllm

[prefill]
input_tokens,ttft_ms
128,18.5
1024,32.5
4096,85.8
8192,169.1

[decode]
batch,context_tokens,itl_ms
1,1024,6.5
16,1024,7.2
64,1024,9.0
# a context length may have its own batch sizes; rows in any order
64,8192,28.0
1,8192,6.9
