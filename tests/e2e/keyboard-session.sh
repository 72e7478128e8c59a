#!/usr/bin/env bash
# End-to-end, by hand (not part of ctest: it runs in real time, about 35 minutes):
# an athlete does the whole daily program with the keyboard only, under Xvfb,
# the app is SIGKILLed in the middle, restarted, the session resumed, and
# finished. The "athlete" reads the last logged event with sqlite3 to know
# when to answer a pain question or confirm a rep; holds, countdowns and
# rests run out by themselves, as they would for a person.
#   tests/e2e/keyboard-session.sh BUILD_DIR [KILL_AFTER_SECONDS]
# Needs: xvfb, xdotool, imagemagick, sqlite3.
set -euo pipefail
build=${1:?usage: keyboard-session.sh BUILD_DIR [KILL_AFTER_SECONDS]}
kill_after=${2:-600}
work=$(mktemp -d)
db=$work/e2e.sqlite
shots=${SHOTS:-$work}
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
display=:57
Xvfb $display -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
sleep 1

start_app() {
    "$build/bin/rehabit" --db "$db" >"$work/app.log" 2>&1 &
    app=$!
    for _ in $(seq 50); do
        wid=$(xdotool search --onlyvisible --pid $app 2>/dev/null | tail -n 1) && [[ -n $wid ]] && break
        sleep 0.2
    done
    xdotool windowfocus --sync "$wid"
    sleep 1
}
key() { xdotool key --clearmodifiers "$@"; sleep 0.4; }
q() { sqlite3 -readonly "$db" "$1" 2>/dev/null || true; }
last_event() { q "SELECT e.kind || '|' || COALESCE(e.exercise_id,'') FROM session_event e JOIN session s ON s.id = e.session_id WHERE s.status = 'in-progress' ORDER BY e.id DESC LIMIT 1"; }
running() { [[ $(q "SELECT count(*) FROM session WHERE status = 'in-progress'") == 1 ]]; }

# The athlete answers what the screen asks, and waits while the app times.
drive() {
    local deadline=$1 stuck=0 previous=""
    while running; do
        (( SECONDS >= deadline )) && return 0
        local ev; ev=$(last_event)
        local kind=${ev%%|*} exercise=${ev#*|}
        if [[ $ev == "$previous" ]]; then stuck=$((stuck + 1)); else stuck=0; previous=$ev; fi
        case $kind in
            session-started|session-resumed|exercise-finished|exercise-skipped|pain-stop)
                # a pain question (before the session, after an exercise), or the notice after a stop
                [[ $kind == pain-stop ]] && key space || { key 1; key Return; } ;;
            set-started|rep-done)
                # reps without a hold wait for "done"; everything else runs by itself
                [[ $exercise == marching-resisted-bridge ]] && { sleep 1.5; key space; } ;;
            session-ended) ;;
        esac
        # The after-session question follows the last exercise's rating.
        (( stuck > 40 )) && { key 1; key Return; stuck=0; }
        sleep 0.5
    done
}

start_app
xdotool type --delay 80 "E2E Athlete"; key Return
key space                      # Start today's session (the focused button)
SECONDS=0
drive "$kill_after"
echo "before kill: $(q "SELECT count(*) FROM session_event WHERE kind='rep-done'") reps confirmed"
q "SELECT max(seq) FROM session_event" >"$work/acked"
import -window root "$shots/before-kill.png"
kill -9 $app; wait $app 2>/dev/null || true
echo "killed; restarting"

start_app
import -window root "$shots/resume-offer.png"
key space                      # "Resume where I stopped" has the focus
drive 100000
sleep 1
import -window root "$shots/finished.png"
key Return
kill $app 2>/dev/null || true; wait $app 2>/dev/null || true

echo "integrity: $(sqlite3 "$db" 'PRAGMA integrity_check')"
echo "sessions:  $(sqlite3 "$db" "SELECT status FROM session")"
echo "reps:      $(sqlite3 "$db" "SELECT count(*) FROM session_event WHERE kind='rep-done'") (prescribed 200)"
echo "bouts:     $(sqlite3 "$db" "SELECT count(*) FROM session_event WHERE kind='timed-ended'") (prescribed 4)"
echo "resumed:   $(sqlite3 "$db" "SELECT count(*) FROM session_event WHERE kind='session-resumed'")"
echo "seq gaps:  $(sqlite3 "$db" "SELECT count(*) FROM session_event a WHERE seq > 1 AND NOT EXISTS (SELECT 1 FROM session_event b WHERE b.session_id = a.session_id AND b.seq = a.seq - 1)")"
echo "database:  $db"
