#!/usr/bin/env bash
# Scripted conversations against a real `jiuye serve`: a fresh data dir with the dev matching sets'
# postings imported, then ../shared/tools/score_dialogue.py. Usage: bash benchmarks/dialogue_dev.sh [CONVERSATIONS.jsonl] [-v]
set -u
cd "$(dirname "$0")/.."
conv=${1:-../shared/eval/conversations_dev.jsonl}
[ -f "$conv" ] || { echo "没有找到对话集：$conv（../shared 不在时无法运行）" >&2; exit 2; }
dir=$(mktemp -d /tmp/jiuye-dialogue.XXXX)
port=${JIUYE_DIALOGUE_PORT:-8765}
export JIUYE_DATA_DIR=$dir JIUYE_WECHAT_TOKEN=dialogue-dev
J=.venv/bin/jiuye
$J db upgrade >/dev/null
for f in ../shared/eval/match_dev/jobs.jsonl ../shared/eval/match_dev2/jobs.jsonl; do
  [ -f "$f" ] && $J import postings "$f" >/dev/null
done
$J serve --port "$port" > "$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
python3 ../shared/tools/score_dialogue.py "$conv" --url "http://127.0.0.1:$port/wechat" --cmd "$J chat" ${2:-}
