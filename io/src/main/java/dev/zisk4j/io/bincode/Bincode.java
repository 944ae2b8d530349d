package dev.zisk4j.io.bincode;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bincode 2 {@code standard()} types for Java values (see {@link BincodeWire} for the bytes).
 *
 * <p>Java has no unsigned integers, so the unsigned Rust types are explicit codecs with checked
 * ranges: {@link #U8} and {@link #U16} take {@code Integer}, {@link #U32} takes {@code Long},
 * {@link #U64} takes a {@code Long} read as unsigned (its bit pattern), {@link #U128} takes
 * {@code BigInteger}. Encoding an out-of-range value throws {@link IllegalArgumentException}.
 */
public final class Bincode {
  private Bincode() {}

  private record Simple<T>(Encoder<T> enc, Decoder<T> dec, int minBytes) implements BincodeType<T> {
    @Override
    public void encode(T value, BincodeWriter out) {
      enc.encode(value, out);
    }

    @Override
    public T decode(BincodeReader in) throws BincodeException {
      return dec.decode(in);
    }
  }

  private interface Encoder<T> {
    void encode(T value, BincodeWriter out);
  }

  private interface Decoder<T> {
    T decode(BincodeReader in) throws BincodeException;
  }

  private static <T> BincodeType<T> of(Encoder<T> enc, Decoder<T> dec) {
    return new Simple<>(enc, dec, 1);
  }

  private static long checkRange(String type, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(type + " out of range: value=" + v + ", min=" + min + ", max=" + max);
    }
    return v;
  }

  public static final BincodeType<Boolean> BOOL = of((v, w) -> w.bool(v), BincodeReader::bool);
  public static final BincodeType<Integer> U8 =
      of((v, w) -> w.u8((int) checkRange("u8", v, 0, 255)), BincodeReader::u8);
  public static final BincodeType<Byte> I8 = of((v, w) -> w.u8(v), r -> (byte) r.u8());
  public static final BincodeType<Integer> U16 =
      of((v, w) -> w.varU64(checkRange("u16", v, 0, 0xFFFF)), r -> (int) r.varUnsigned(16));
  public static final BincodeType<Short> I16 = of((v, w) -> w.varI64(v),
      r -> (short) BincodeWire.unzigzag(r.varUnsigned(16)));
  public static final BincodeType<Long> U32 =
      of((v, w) -> w.varU64(checkRange("u32", v, 0, 0xFFFF_FFFFL)), r -> r.varUnsigned(32));
  public static final BincodeType<Integer> I32 = of((v, w) -> w.varI64(v),
      r -> (int) BincodeWire.unzigzag(r.varUnsigned(32)));
  /** u64 (and usize): the {@code Long}'s 64 bits as an unsigned value. */
  public static final BincodeType<Long> U64 = of((v, w) -> w.varU64(v), BincodeReader::varU64);
  public static final BincodeType<Long> I64 = of((v, w) -> w.varI64(v), BincodeReader::varI64);
  public static final BincodeType<BigInteger> U128 = of((v, w) -> w.varU128(v), BincodeReader::varU128);
  public static final BincodeType<BigInteger> I128 = of((v, w) -> w.varI128(v), BincodeReader::varI128);
  public static final BincodeType<Float> F32 = new Simple<>((v, w) -> w.f32(v), BincodeReader::f32, 4);
  public static final BincodeType<Double> F64 = new Simple<>((v, w) -> w.f64(v), BincodeReader::f64, 8);
  /** Rust {@code String} / {@code &str}: varint length, UTF-8 bytes. */
  public static final BincodeType<String> STRING = of((v, w) -> w.string(v), BincodeReader::string);
  /** Rust {@code Vec<u8>}: varint length, raw bytes. */
  public static final BincodeType<byte[]> BYTES = of((v, w) -> w.bytes(v), BincodeReader::bytes);

  /** Rust {@code [u8; n]}: exactly {@code n} raw bytes, no length. */
  public static BincodeType<byte[]> fixedBytes(int n) {
    return new Simple<>((v, w) -> {
      if (v.length != n) {
        throw new IllegalArgumentException("fixed byte array length mismatch: length=" + v.length + ", expected=" + n);
      }
      w.raw(v, 0, n);
    }, r -> r.raw(n), n);
  }

  /** Rust {@code Vec<T>}: varint length, then the items. */
  public static <T> BincodeType<List<T>> list(BincodeType<T> item) {
    return of((v, w) -> {
      w.varU64(v.size());
      for (T t : v) {
        item.encode(t, w);
      }
    }, r -> {
      int n = r.length(item.minBytes());
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(item.decode(r));
      }
      return Collections.unmodifiableList(out);
    });
  }

  /** Rust {@code [T; n]}: exactly {@code n} items, no length. */
  public static <T> BincodeType<List<T>> array(BincodeType<T> item, int n) {
    return new Simple<>((v, w) -> {
      if (v.size() != n) {
        throw new IllegalArgumentException("fixed array length mismatch: length=" + v.size() + ", expected=" + n);
      }
      for (T t : v) {
        item.encode(t, w);
      }
    }, r -> {
      if ((long) n * item.minBytes() > r.remaining()) {
        throw new BincodeException("truncated fixed array: offset=" + r.position() + ", items=" + n
            + ", bytesLeft=" + r.remaining());
      }
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(item.decode(r));
      }
      return Collections.unmodifiableList(out);
    }, n * item.minBytes());
  }

  /** Rust {@code HashMap}/{@code BTreeMap}: varint length, then key/value pairs in the map's iteration order. */
  public static <K, V> BincodeType<Map<K, V>> map(BincodeType<K> key, BincodeType<V> value) {
    return of((v, w) -> {
      w.varU64(v.size());
      for (Map.Entry<K, V> e : v.entrySet()) {
        key.encode(e.getKey(), w);
        value.encode(e.getValue(), w);
      }
    }, r -> {
      int at = r.position();
      int n = r.length(key.minBytes() + value.minBytes());
      Map<K, V> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        K k = key.decode(r);
        if (out.put(k, value.decode(r)) != null) {
          throw new BincodeException("duplicate map key: offset=" + at + ", key=" + k);
        }
      }
      return Collections.unmodifiableMap(out);
    });
  }

  /** Rust {@code Option<T>}: tag byte 0 (None) or 1 (Some) then the value. */
  public static <T> BincodeType<Optional<T>> option(BincodeType<T> inner) {
    return of((v, w) -> {
      w.bool(v.isPresent());
      v.ifPresent(t -> inner.encode(t, w));
    }, r -> {
      int at = r.position();
      int tag = r.u8();
      return switch (tag) {
        case 0 -> Optional.empty();
        case 1 -> Optional.of(inner.decode(r));
        default -> throw new BincodeException("invalid Option tag: offset=" + at + ", byte=" + tag + ", expected=0|1");
      };
    });
  }

  /** A fieldless Rust enum: varint u32 discriminant = the Java constant's ordinal. */
  public static <E extends Enum<E>> BincodeType<E> enumOf(Class<E> type) {
    E[] values = type.getEnumConstants();
    return of((v, w) -> w.varU64(v.ordinal()), r -> {
      int at = r.position();
      long d = r.varUnsigned(32);
      if (d >= values.length) {
        throw new BincodeException("unknown enum discriminant: offset=" + at + ", enum=" + type.getSimpleName()
            + ", discriminant=" + d + ", variants=" + values.length);
      }
      return values[(int) d];
    });
  }

  /**
   * A Rust struct as a Java record: fields in declaration order, one codec per component, no
   * framing between fields.
   *
   * @throws IllegalArgumentException if the number of codecs differs from the record's components
   */
  public static <R extends Record> BincodeType<R> record(Class<R> type, BincodeType<?>... fields) {
    RecordComponent[] comps = type.getRecordComponents();
    if (comps.length != fields.length) {
      throw new IllegalArgumentException("record codec arity mismatch: record=" + type.getName() + ", components="
          + comps.length + ", codecs=" + fields.length);
    }
    MethodHandle[] getters = new MethodHandle[comps.length];
    Class<?>[] paramTypes = new Class<?>[comps.length];
    MethodHandle ctor;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      for (int i = 0; i < comps.length; i++) {
        getters[i] = lookup.unreflect(comps[i].getAccessor());
        paramTypes[i] = comps[i].getType();
      }
      ctor = lookup.unreflectConstructor(type.getDeclaredConstructor(paramTypes));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("record must be public with a public canonical constructor: record="
          + type.getName(), e);
    }
    @SuppressWarnings("unchecked")
    BincodeType<Object>[] codecs = (BincodeType<Object>[]) fields;
    int min = 0;
    for (BincodeType<?> f : fields) {
      min += f.minBytes();
    }
    return new Simple<>((v, w) -> {
      for (int i = 0; i < codecs.length; i++) {
        codecs[i].encode(invoke(getters[i], v), w);
      }
    }, r -> {
      Object[] args = new Object[codecs.length];
      for (int i = 0; i < codecs.length; i++) {
        args[i] = codecs[i].decode(r);
      }
      return type.cast(construct(ctor, args));
    }, min);
  }

  private static Object invoke(MethodHandle getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("record accessor failed", t);
    }
  }

  private static Object construct(MethodHandle ctor, Object[] args) throws BincodeException {
    try {
      return ctor.invokeWithArguments(args);
    } catch (IllegalArgumentException e) {
      throw new BincodeException("record constructor rejected decoded fields: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("record constructor failed", t);
    }
  }
}
