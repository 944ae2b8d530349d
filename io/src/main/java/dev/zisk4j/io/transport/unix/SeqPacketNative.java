package dev.zisk4j.io.transport.unix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The only class that calls libc: AF_UNIX SOCK_SEQPACKET sockets through the FFM API (Linux x86_64/aarch64).
 *
 * <p>Why FFM: the JDK's {@code UnixDomainSocketAddress} channels are SOCK_STREAM only, and ZisK's
 * readers expect message boundaries (one {@code send} = one {@code recv}). Every method returns the
 * raw result or throws {@link IOException} naming the call and {@code errno}; EINTR is retried here
 * so callers never see it. Stateless and thread-safe.
 */
final class SeqPacketNative {
  static final int AF_UNIX = 1;
  static final int SOCK_SEQPACKET = 5;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int MSG_NOSIGNAL = 0x4000;
  static final int MSG_TRUNC = 0x20;
  static final int SHUT_RDWR = 2;
  static final short POLLIN = 0x1;
  static final int EINTR = 4;
  static final int ENOENT = 2;
  static final int ECONNREFUSED = 111;
  static final int EAGAIN = 11;
  static final int SOL_SOCKET = 1;
  static final int SO_SNDBUF = 7;
  /** {@code sizeof(sun_path)} on Linux; the path plus its NUL terminator must fit. */
  static final int SUN_PATH_BYTES = 108;
  private static final int SOCKADDR_UN_BYTES = 2 + SUN_PATH_BYTES;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;

  private static final MethodHandle SOCKET = downcall("socket",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle BIND = downcall("bind",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle CONNECT = downcall("connect",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle LISTEN = downcall("listen",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle ACCEPT4 = downcall("accept4",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
          ValueLayout.JAVA_INT));
  private static final MethodHandle SEND = downcall("send",
      FunctionDescriptor.of(SIZE_T, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, SIZE_T, ValueLayout.JAVA_INT));
  private static final MethodHandle RECV = downcall("recv",
      FunctionDescriptor.of(SIZE_T, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, SIZE_T, ValueLayout.JAVA_INT));
  private static final MethodHandle POLL = downcall("poll",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
  private static final MethodHandle SHUTDOWN = downcall("shutdown",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
          ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle CLOSE = downcall("close",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private SeqPacketNative() {}

  @SuppressWarnings("restricted") // the reason this class exists; callers run with --enable-native-access
  private static MethodHandle downcall(String name, FunctionDescriptor fd) {
    MemorySegment symbol = LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: name=" + name));
    return LINKER.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
  }

  /** An errno-carrying failure of one libc call. */
  static final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    ErrnoException(String call, int errno, String detail) {
      super(call + " failed: errno=" + errno + " (" + describe(errno) + ")" + detail);
      this.errno = errno;
    }

    int errno() {
      return errno;
    }
  }

  static String describe(int errno) {
    return switch (errno) {
      case 2 -> "ENOENT no such socket file";
      case 4 -> "EINTR";
      case 9 -> "EBADF socket closed";
      case 11 -> "EAGAIN";
      case 13 -> "EACCES permission denied";
      case 22 -> "EINVAL";
      case 32 -> "EPIPE peer closed";
      case 90 -> "EMSGSIZE message too long";
      case 98 -> "EADDRINUSE";
      case 103 -> "ECONNABORTED";
      case 104 -> "ECONNRESET peer reset";
      case 107 -> "ENOTCONN";
      case 111 -> "ECONNREFUSED nobody listening";
      default -> "see errno(3)";
    };
  }

  /** A fresh SOCK_SEQPACKET | SOCK_CLOEXEC socket. */
  static int socket() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
      if (fd < 0) {
        throw new ErrnoException("socket(AF_UNIX, SOCK_SEQPACKET)", errno(state), "");
      }
      return fd;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=socket", t);
    }
  }

  static void bind(int fd, Path path) throws IOException {
    addressCall(BIND, "bind", fd, path);
  }

  static void connect(int fd, Path path) throws IOException {
    addressCall(CONNECT, "connect", fd, path);
  }

  private static void addressCall(MethodHandle call, String name, int fd, Path path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment addr = sockaddr(arena, path);
      MemorySegment state = arena.allocate(CAPTURE);
      while (true) {
        int rc = (int) call.invokeExact(state, fd, addr, SOCKADDR_UN_BYTES);
        if (rc == 0) {
          return;
        }
        int errno = errno(state);
        if (errno != EINTR) {
          throw new ErrnoException(name, errno, ": path=" + path);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=" + name, t);
    }
  }

  static void listen(int fd, int backlog) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      int rc = (int) LISTEN.invokeExact(state, fd, backlog);
      if (rc != 0) {
        throw new ErrnoException("listen", errno(state), "");
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=listen", t);
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for {@code fd} to become readable (a pending connection or data).
   *
   * @return true if readable (or hung up), false on timeout
   */
  static boolean pollReadable(int fd, int timeoutMillis) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pfd = arena.allocate(8, 4);
      pfd.set(ValueLayout.JAVA_INT, 0, fd);
      pfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
      MemorySegment state = arena.allocate(CAPTURE);
      int rc = (int) POLL.invokeExact(state, pfd, 1L, timeoutMillis);
      if (rc < 0) {
        int errno = errno(state);
        if (errno == EINTR) {
          return false;
        }
        throw new ErrnoException("poll", errno, "");
      }
      return rc > 0;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=poll", t);
    }
  }

  /** Accepts one pending connection (blocking); returns the new CLOEXEC socket. */
  static int accept(int fd) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      while (true) {
        int conn = (int) ACCEPT4.invokeExact(state, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
        if (conn >= 0) {
          return conn;
        }
        int errno = errno(state);
        if (errno != EINTR) {
          throw new ErrnoException("accept4", errno, "");
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=accept4", t);
    }
  }

  /**
   * Sends {@code len} bytes of {@code buf} as one message (MSG_NOSIGNAL, so a gone peer is EPIPE,
   * never SIGPIPE). {@code state} is a caller-owned {@link #newCallState} segment, so the hot path allocates nothing.
   */
  static void send(int fd, MemorySegment buf, long len, MemorySegment state) throws IOException {
    try {
      while (true) {
        long n = (long) SEND.invokeExact(state, fd, buf, len, MSG_NOSIGNAL);
        if (n == len) {
          return;
        }
        if (n >= 0) {
          throw new IOException("send wrote part of a message: sent=" + n + ", length=" + len);
        }
        int errno = errno(state);
        if (errno != EINTR) {
          throw new ErrnoException("send", errno, ": length=" + len);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=send", t);
    }
  }

  /**
   * Receives one message into {@code buf} with MSG_TRUNC, so the result is the message's real length
   * even when it exceeds {@code buf}; 0 means the peer closed (an empty message is never sent).
   */
  static long recv(int fd, MemorySegment buf, MemorySegment state) throws IOException {
    try {
      while (true) {
        long n = (long) RECV.invokeExact(state, fd, buf, buf.byteSize(), MSG_TRUNC);
        if (n >= 0) {
          return n;
        }
        int errno = errno(state);
        if (errno != EINTR) {
          throw new ErrnoException("recv", errno, "");
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=recv", t);
    }
  }

  /** Sets an int socket option (best effort for buffer sizes: the kernel may clamp). */
  static void setIntOption(int fd, int option, int value) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
      v.set(ValueLayout.JAVA_INT, 0, value);
      MemorySegment state = arena.allocate(CAPTURE);
      int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, option, v, 4);
      if (rc != 0) {
        throw new ErrnoException("setsockopt", errno(state), ": option=" + option + ", value=" + value);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=setsockopt", t);
    }
  }

  /** Wakes any thread blocked in recv/send/accept on {@code fd}; errors are ignored (already closed). */
  static void shutdown(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      int ignored = (int) SHUTDOWN.invokeExact(arena.allocate(CAPTURE), fd, SHUT_RDWR);
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=shutdown", t);
    }
  }

  static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURE), fd);
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: call=close", t);
    }
  }

  /** A call-state segment for {@link #send}/{@link #recv}, owned by one socket. */
  static MemorySegment newCallState(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  private static MemorySegment sockaddr(Arena arena, Path path) {
    byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
    checkPathFits(path);
    MemorySegment addr = arena.allocate(SOCKADDR_UN_BYTES, 2);
    addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
    MemorySegment.copy(bytes, 0, addr, ValueLayout.JAVA_BYTE, 2, bytes.length);
    return addr;
  }

  /** Rejects paths the kernel cannot hold in {@code sun_path} (107 bytes plus NUL). */
  static void checkPathFits(Path path) {
    int len = path.toString().getBytes(StandardCharsets.UTF_8).length;
    if (len >= SUN_PATH_BYTES) {
      throw new IllegalArgumentException(
          "unix socket path too long: bytes=" + len + ", max=" + (SUN_PATH_BYTES - 1) + ", path=" + path);
    }
    if (len == 0) {
      throw new IllegalArgumentException("unix socket path is empty");
    }
  }
}
