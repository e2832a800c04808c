#!/usr/bin/env bash
# The full reliability attack on `news2tei batch` (tests/test_robust_kill.py and
# tests/test_batch.py run the same checks at CI size). Linux; root only for the full disk.
#
#   scripts/attack_batch.sh [EDITIONS [JOBS]]      # default 400 editions, 4 jobs
#
# 1. hostile tree: a name not UTF-8, a 250-byte name, two names alike in 200 bytes, a link
#    out of the tree, a link to /dev/zero, a FIFO, a directory link in OUTDIR: each fails
#    alone (or converts), the batch ends, nothing is written outside OUTDIR;
# 2. `batch | tee`, the batch killed with SIGKILL: the pipe ends, no worker lives on;
# 3. a worker killed with SIGKILL: at most its edition fails, the others convert;
# 4. Ctrl-C: exit 130, one line, no worker left; the next run sweeps the stale .part files;
# 5. (root) a full 2 MB tmpfs: no edition leaves a TEI without its EPUB.
set -euo pipefail
editions="${1:-400}" jobs="${2:-4}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'if mountpoint -q "$work/disk" 2>/dev/null; then umount "$work/disk"; fi; rm -rf "$work"' EXIT
batch() { (cd "$root" && python -m converter batch "$@"); }
fail() { echo "FAIL: $*" >&2; exit 1; }
workers_of() { pgrep -P "$1" || true; }

mkdir -p "$work/src" "$work/out" "$work/elsewhere"
for n in $(seq 1 "$editions"); do cp "$root/seeds/000_627fccb794dc0fc3.txt" "$work/src/paper_$n.txt"; done

echo "1. hostile tree"
mkdir -p "$work/src/linked"
cp "$work/src/paper_1.txt" "$(printf '%s/src/bad\xff.txt' "$work")"
cp "$work/src/paper_1.txt" "$work/src/$(printf '长%.0s' $(seq 82)).txt"
for last in 甲 乙; do cp "$work/src/paper_1.txt" "$work/src/$(printf '报%.0s' $(seq 70))$last.txt"; done
ln -s /etc/hostname "$work/src/outside.txt"; ln -s /dev/zero "$work/src/zero.txt"; mkfifo "$work/src/pipe.txt"
cp "$work/src/paper_1.txt" "$work/src/linked/x.txt"; ln -s "$work/elsewhere" "$work/out/linked"
status=0; batch "$work/src" -o "$work/out" -j "$jobs" --format tei 2>"$work/hostile.log" || status=$?
[ "$status" = 1 ] || fail "hostile tree: exit $status, expected 1 (see $work/hostile.log)"
grep -q "internal error" "$work/hostile.log" && fail "hostile tree: an internal error"
[ -z "$(ls -A "$work/elsewhere")" ] || fail "an output was written through a link out of OUTDIR"
tail -1 "$work/hostile.log"

echo "2. kill -9 of the batch in a pipe"
rm -rf "$work/out"; mkdir "$work/out"
(batch "$work/src" -o "$work/out" -j "$jobs" 2>&1 | tee "$work/tee.log" >/dev/null) &
pipeline=$!
sleep 5; main="$(pgrep -f "converter batch $work/src" -o)"; kept="$(workers_of "$main")"
kill -9 "$main"
timeout 60 tail --pid="$pipeline" -f /dev/null || fail "the pipe stayed open after kill -9"
sleep 1; for pid in $kept; do kill -0 "$pid" 2>/dev/null && fail "worker $pid outlived the batch"; done
echo "   pipe ended, workers gone ($(echo $kept | wc -w) were running)"

echo "3. kill -9 of one worker"
rm -rf "$work/out"
batch "$work/src" -o "$work/out" -j "$jobs" --format tei --report "$work/report.jsonl" 2>"$work/worker.log" &
runner=$!
sleep 5; main="$(pgrep -f "converter batch $work/src" -o)"; kill -9 "$(workers_of "$main" | head -1)"
wait "$runner" || true
died="$(grep -c 'worker process converting it died' "$work/report.jsonl" || true)"
[ "$died" -le 1 ] || fail "$died editions failed for one dead worker"
echo "   $(tail -1 "$work/worker.log")"

echo "4. Ctrl-C"
python - "$root" "$work" "$jobs" <<'EOF'
import os, signal, subprocess, sys, time
root, work, jobs = sys.argv[1:]
batch = subprocess.Popen([sys.executable, "-m", "converter", "batch", f"{work}/src", "-o", f"{work}/ctrl-c",
                          "-j", jobs], cwd=root, stderr=subprocess.PIPE, process_group=0)
time.sleep(5)
os.killpg(batch.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
_, err = batch.communicate(timeout=60)
assert batch.returncode == 130 and err.decode().splitlines() == ["news2tei: interrupted"], (batch.returncode, err)
print("   exit 130, one line")
EOF
batch "$work/src" -o "$work/ctrl-c" -j "$jobs" --resume 2>/dev/null || true
[ -z "$(find "$work/ctrl-c" -name '*.part')" ] || fail ".part files left after the next run"

if [ "$(id -u)" = 0 ]; then
    echo "5. full disk"
    mkdir "$work/disk"; mount -t tmpfs -o size=2m tmpfs "$work/disk"
    batch "$work/src" -o "$work/disk" -j "$jobs" 2>"$work/disk.log" || true
    grep -q "No space left on device" "$work/disk.log" || fail "the disk never filled up"
    for tei in "$work"/disk/*.tei.xml; do
        [ -e "$tei" ] || continue
        [ -e "${tei%.tei.xml}.epub" ] || fail "$tei without its EPUB"
    done
    [ -z "$(find "$work/disk" -name '*.part')" ] || fail ".part files left on the full disk"
    echo "   $(tail -1 "$work/disk.log")"
fi
echo "all attacks survived"
