# Sourced by ./mvnw and ./securevisit: make sure JAVA_HOME names a JDK >= 21.
# SecureVisit compiles at release 21; machines of this kind default to Java 17 and keep newer JDKs
# under /usr/lib/jvm. An explicit JAVA_HOME that is new enough always wins.
# The feature version comes from the JDK's `release` file (no JVM start on the launch path), or
# from the JVM itself when that file is missing.
securevisit_java_feature() {
  v=""
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "${v:-0}"
}
securevisit_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(securevisit_java_feature "$JAVA_HOME")
    [ "${v:-0}" -ge 21 ] 2>/dev/null && return 0
  fi
  best=""; best_v=0
  for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    v=$(securevisit_java_feature "$candidate")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$candidate"; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "securevisit: no JDK 21 or newer found; set JAVA_HOME to one" >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}
securevisit_select_jdk || exit 1
