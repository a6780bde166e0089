package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.openai.DrainGate;
import java.util.concurrent.Executor;

/** What the connection handlers share. */
record GatewayServices(
    GatewayOptions options,
    ObjectMapper mapper,
    RequestValidator validator,
    Executor tokenizerPool,
    Fleet fleet,
    Dispatcher dispatcher,
    ConnectionPool pool,
    GatewayMetrics metrics,
    DrainGate gate) {}
