package dev.zisk4j.proverservice.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Why an in-band error happened, sent as the trailer {@code zisk4j-error}. The protocol's result
 * enums carry no text (GenProofResponse has only id and result), so the reason travels beside the
 * message; clients that do not look for it see the protocol unchanged.
 */
public final class ErrorDetail implements ServerInterceptor {
  /** The trailer key. */
  public static final Metadata.Key<String> KEY = Metadata.Key.of("zisk4j-error", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<AtomicReference<String>> HOLDER = Context.key("zisk4j-error");
  private static final int MAX_CHARS = 1000;

  /** Records {@code message} for the current call's trailers (no-op outside an intercepted call). */
  public static void set(String message) {
    AtomicReference<String> h = HOLDER.get();
    if (h != null) {
      h.set(message);
    }
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    AtomicReference<String> holder = new AtomicReference<>();
    ServerCall<Q, R> withTrailer = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        String m = holder.get();
        if (m != null) {
          trailers.put(KEY, ascii(m));
        }
        super.close(status, trailers);
      }
    };
    return Contexts.interceptCall(Context.current().withValue(HOLDER, holder), withTrailer, headers, next);
  }

  /** Printable ASCII only (a header value), at most 1000 characters. */
  static String ascii(String m) {
    StringBuilder b = new StringBuilder(Math.min(m.length(), MAX_CHARS));
    for (int i = 0; i < m.length() && b.length() < MAX_CHARS; i++) {
      char c = m.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
