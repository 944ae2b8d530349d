package dev.zisk4j.cluster.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's access file (cluster.md §5): bearer tokens, kept only as SHA-256 hashes, and
 * mTLS certificate subjects, each mapped to a name and a {@link Role}.
 *
 * <pre>
 * [[token]]
 * name = "alice"                 # owner of the jobs this token submits
 * role = "client"                # worker | client | admin
 * sha256 = "64 hex digits"       # of the token's ASCII bytes (zisk4j cluster token prints it)
 *
 * [[token]]
 * name = "gpu-pool"
 * role = "worker"
 * sha256 = "…"
 * prover-prefix = "gpu-"         # optional, workers only: the prover ids it may register
 *
 * [[identity]]
 * cn = "worker-7.example.org"    # subject CN of an mTLS client certificate
 * name = "worker-7"              # optional, defaults to the CN
 * role = "worker"
 * </pre>
 *
 * Unknown keys are refused, naming the key, as in every zisk4j configuration file.
 *
 * @param tokens the token entries
 * @param identities the certificate entries
 */
public record AccessRules(List<TokenEntry> tokens, List<IdentityEntry> identities) {
  private static final Set<String> TOKEN_KEYS = Set.of("name", "role", "sha256", "prover-prefix");
  private static final Set<String> IDENTITY_KEYS = Set.of("cn", "name", "role", "prover-prefix");

  /** One token: its hash and who it stands for. */
  public record TokenEntry(byte[] sha256, Caller caller) {}

  /** One certificate subject CN and who it stands for. */
  public record IdentityEntry(String cn, Caller caller) {}

  public AccessRules {
    tokens = List.copyOf(tokens);
    identities = List.copyOf(identities);
  }

  /**
   * Reads an access file.
   *
   * @throws IllegalArgumentException naming the file and the entry: missing or unreadable file, not TOML,
   *     an unknown key, a missing or bad value, a duplicate name or hash, or no entry at all
   */
  public static AccessRules load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("access file not found: file=" + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read access file: file=" + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("access file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses an access file's text.
   *
   * @throws IllegalArgumentException as {@link #load}, without the file name
   */
  public static AccessRules parse(String text) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid TOML: " + e.getOriginalMessage(), e);
    }
    List<TokenEntry> tokens = new ArrayList<>();
    List<IdentityEntry> identities = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (root != null) {
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!key.equals("token") && !key.equals("identity")) {
          throw new IllegalArgumentException("unknown key " + key + " (expected [[token]] and [[identity]] tables)");
        }
        JsonNode list = root.get(key);
        if (!list.isArray()) {
          throw new IllegalArgumentException(key + " must be an array of tables ([[" + key + "]])");
        }
        int i = 0;
        for (JsonNode e : list) {
          String where = key + " #" + (++i);
          if (key.equals("token")) {
            checkKeys(e, TOKEN_KEYS, where);
            String name = string(e, "name", where, true);
            byte[] hash = sha256Hex(string(e, "sha256", where, true), where);
            for (TokenEntry t : tokens) {
              if (MessageDigest.isEqual(t.sha256(), hash)) {
                throw new IllegalArgumentException(where + ": the same token hash as " + t.caller().name());
              }
            }
            unique(names, "token " + name, where);
            tokens.add(new TokenEntry(hash, caller(e, name, where)));
          } else {
            checkKeys(e, IDENTITY_KEYS, where);
            String cn = string(e, "cn", where, true);
            String name = Optional.ofNullable(string(e, "name", where, false)).orElse(cn);
            unique(names, "identity " + cn, where);
            identities.add(new IdentityEntry(cn, caller(e, name, where)));
          }
        }
      }
    }
    if (tokens.isEmpty() && identities.isEmpty()) {
      throw new IllegalArgumentException("no [[token]] or [[identity]] entry: nobody could call the coordinator");
    }
    return new AccessRules(tokens, identities);
  }

  private static Caller caller(JsonNode e, String name, String where) {
    Role role;
    try {
      role = Role.of(string(e, "role", where, true));
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
    }
    Optional<String> prefix = Optional.ofNullable(string(e, "prover-prefix", where, false));
    if (prefix.isPresent() && role != Role.WORKER) {
      throw new IllegalArgumentException(where + ": prover-prefix is for worker entries, this one is " + role.id());
    }
    return new Caller(name, role, prefix);
  }

  private static void unique(Set<String> seen, String what, String where) {
    if (!seen.add(what)) {
      throw new IllegalArgumentException(where + ": " + what + " appears twice");
    }
  }

  private static void checkKeys(JsonNode e, Set<String> allowed, String where) {
    if (!e.isObject()) {
      throw new IllegalArgumentException(where + " must be a table");
    }
    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key " + k + " (allowed: " + String.join(", ",
            allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String string(JsonNode e, String key, String where, boolean required) {
    JsonNode v = e.get(key);
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException(where + ": missing " + key);
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " must be a non-empty string");
    }
    return v.asText();
  }

  private static byte[] sha256Hex(String hex, String where) {
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(where + ": sha256 must be 64 hex digits (the token's SHA-256), got "
          + hex.length() + " characters");
    }
    return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
  }

  /** SHA-256 of a token's ASCII bytes, as the access file stores it (64 lower-case hex digits). */
  public static String hashOf(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Who {@code token} stands for. Every entry is compared, each in constant time, so the answer's timing
   * does not tell which (or whether one) matched.
   */
  public Optional<Caller> byToken(String token) {
    byte[] h = sha256(token);
    Caller found = null;
    for (TokenEntry t : tokens) {
      if (MessageDigest.isEqual(t.sha256(), h)) {
        found = t.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Who a client certificate with subject {@code cn} stands for. */
  public Optional<Caller> byCertificate(String cn) {
    return identities.stream().filter(i -> i.cn().equals(cn)).map(IdentityEntry::caller).findFirst();
  }
}
