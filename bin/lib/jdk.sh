# Sourced by bin/zisk4j and bin/test: sets JAVA_HOME to a JDK 25 or newer, or exits with a clear message.
# Looks at JAVA_HOME first, then /usr/lib/jvm/*25*.
zisk4j_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    echo "$JAVA_HOME"; return 0
  fi
  for d in /usr/lib/jvm/*25*; do
    if [ -x "$d/bin/java" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! JAVA_HOME="$(zisk4j_find_jdk)"; then
  echo "zisk4j: no JDK 25 found (looked at JAVA_HOME, then /usr/lib/jvm/*25*). Install one, e.g. Temurin 25." >&2
  exit 2
fi
export JAVA_HOME
