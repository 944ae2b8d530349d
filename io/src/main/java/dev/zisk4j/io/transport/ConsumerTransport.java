package dev.zisk4j.io.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/** Consumer side of one scheme: connects to a producer URI and returns the job's byte stream (EOF = end of input). */
public interface ConsumerTransport {

  /**
   * Connects to the producer at {@code uri}, retrying until {@code deadline} if it is not listening yet.
   *
   * @return the job's raw byte stream; {@code read} returns -1 once the producer ended the job;
   *     closing it disconnects
   * @throws TransportTimeoutException if the producer could not be reached before the deadline
   * @throws IOException on any other connection failure
   */
  InputStream connect(URI uri, Duration deadline) throws IOException;
}
