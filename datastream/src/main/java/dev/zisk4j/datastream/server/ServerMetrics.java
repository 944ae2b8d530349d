package dev.zisk4j.datastream.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters: committed entries, bytes sent, connected clients, per-client lag (as the
 * maximum and the sum over streaming clients, to keep cardinality fixed with thousands of clients),
 * and disconnects by reason.
 */
final class ServerMetrics {
  private final MeterRegistry registry;
  private final Counter entriesCommitted;
  private final Counter bytesSent;
  private final Counter entriesSent;
  private final Counter rejected;

  ServerMetrics(MeterRegistry registry, DataStreamServer server) {
    this.registry = registry;
    entriesCommitted = Counter.builder("datastream.entries.committed")
        .description("Entries committed by the producer since the server started").register(registry);
    bytesSent = Counter.builder("datastream.sent").baseUnit("bytes")
        .description("Bytes written to clients").register(registry);
    entriesSent = Counter.builder("datastream.entries.sent")
        .description("DATA packets written to streaming clients").register(registry);
    rejected = Counter.builder("datastream.clients.rejected")
        .description("Connections refused because maxClients was reached").register(registry);
    gauge("datastream.clients", "Connected clients", server, s -> s.clientCount());
    gauge("datastream.stream.entries", "Committed entries in the stream (header TotalEntries)", server,
        s -> s.committedEntries());
    gauge("datastream.client.lag.max", "Largest lag in entries of any streaming client", server,
        s -> s.lagStats()[0]);
    gauge("datastream.client.lag.sum", "Sum of the lags in entries of all streaming clients", server,
        s -> s.lagStats()[1]);
  }

  private <T> void gauge(String name, String description, T obj, ToDoubleFunction<T> f) {
    Gauge.builder(name, obj, f).description(description).register(registry);
  }

  void committed(long entries) {
    entriesCommitted.increment(entries);
  }

  void sent(long bytes, long entries) {
    bytesSent.increment(bytes);
    if (entries > 0) {
      entriesSent.increment(entries);
    }
  }

  void rejected() {
    rejected.increment();
  }

  void disconnected(DisconnectReason reason) {
    registry.counter("datastream.clients.disconnected", "reason", reason.tag()).increment();
  }
}
