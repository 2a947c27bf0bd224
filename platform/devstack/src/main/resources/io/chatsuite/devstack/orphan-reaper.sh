#!/bin/sh
# Watches the JVM that runs the local stack. It writes one line per process it starts ("SIGNAL PID"), "forget PID"
# for one that died and was replaced (its pid may be reused), and "done" once it has stopped them all itself. If our
# standard input closes before "done" (the JVM exited or was killed, even by SIGKILL), every registered process gets
# its signal, then SIGKILL after 20 s, so nothing is orphaned.
trap '' INT HUP TERM
entries=""
while read -r signal pid; do
  case "$signal" in
    done) exit 0 ;;
    forget) entries=$(printf '%s' "$entries" | sed -E "s/ [A-Z]+:$pid( |\$)/\1/") ;;
    *) entries="$entries $signal:$pid" ;;
  esac
done
for entry in $entries; do kill -s "${entry%%:*}" "${entry#*:}" 2>/dev/null; done
tries=0
while [ "$tries" -lt 40 ]; do
  alive=0
  for entry in $entries; do kill -0 "${entry#*:}" 2>/dev/null && alive=1; done
  [ "$alive" -eq 0 ] && exit 0
  sleep 0.5
  tries=$((tries + 1))
done
for entry in $entries; do kill -s KILL "${entry#*:}" 2>/dev/null; done
