// gRPC channel and server settings for Raft peer links. They favour fast failure detection
// over frugality: a Raft cluster has a handful of peers, so a ping a second per link costs
// nothing, while a dead leader noticed a few seconds late costs an election's worth of
// unavailability.
import type { ChannelOptions } from '@grpc/grpc-js';

const KEEPALIVE_TIME_MS = 1000;
const KEEPALIVE_TIMEOUT_MS = 1000;

export function clientChannelOptions(maxMessageBytes: number, backoff: { initialMs: number; maxMs: number }): ChannelOptions {
  return {
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.keepalive_time_ms': KEEPALIVE_TIME_MS,
    'grpc.keepalive_timeout_ms': KEEPALIVE_TIMEOUT_MS,
    'grpc.keepalive_permit_without_calls': 1,
    // The channel's own redial back-off defaults to 1 s growing to 120 s, during which every
    // new call fails at once: a restarted peer could stay unreachable for minutes. Match our
    // stream back-off instead.
    'grpc.initial_reconnect_backoff_ms': backoff.initialMs,
    'grpc.max_reconnect_backoff_ms': backoff.maxMs,
    // Raft resends whatever matters; transparent retries would only buffer and delay the
    // failure we want to see.
    'grpc.enable_retries': 0,
    // One connection per transport, not shared process-wide: several transports in one
    // process (tests, simulations) then behave like separate processes.
    'grpc.use_local_subchannel_pool': 1,
  };
}

export function serverOptions(maxMessageBytes: number): ChannelOptions {
  return {
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.keepalive_time_ms': KEEPALIVE_TIME_MS,
    'grpc.keepalive_timeout_ms': KEEPALIVE_TIMEOUT_MS,
    'grpc.keepalive_permit_without_calls': 1,
    // Accept the clients' 1 s pings even on idle connections. grpc-js does not police ping
    // rates today, but C-core based servers and future grpc-js versions do (GOAWAY
    // "too_many_pings"), and this states the contract.
    'grpc.http2.min_ping_interval_without_data_ms': KEEPALIVE_TIME_MS / 2,
    'grpc.http2.max_ping_strikes': 0,
  };
}
