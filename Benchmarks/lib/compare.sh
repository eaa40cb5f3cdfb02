# shellcheck shell=bash
# `Benchmarks/run futures-compare REV`: this tree's futures benchmark against another commit's,
# run in turns. Sourced by Benchmarks/run, which defines $root, $scratch, build_product and
# rate_of.

# Builds lessons-bench (release) of commit $1 from an exported copy of its tree, once per
# commit, and prints the executable's path.
build_revision() {
  local commit dir
  if ! commit="$(git -C "$root" rev-parse --verify --quiet "$1^{commit}")"; then
    echo "Benchmarks/run futures-compare: '$1' is not a commit of this repository" >&2
    exit 2
  fi
  dir="$scratch-rev/${commit:0:12}"
  if [[ ! -x "$dir/build/release/lessons-bench" ]]; then
    echo "building lessons-bench of ${commit:0:12} (release, $dir)…" >&2
    rm -rf "$dir/src"
    mkdir -p "$dir/src"
    git -C "$root" archive "$commit" | tar -x -C "$dir/src"
    local log="$dir/build.log"
    if ! (cd "$dir/src" && swift build -c release --product lessons-bench --scratch-path "$dir/build") >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      echo "Benchmarks/run futures-compare: ${commit:0:12} does not build (log: $log)" >&2
      exit 1
    fi
  fi
  echo "$dir/build/release/lessons-bench"
}

futures_compare_mode() {
  local revision="" pairs=5 tasks=100000 repeat=3
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --pairs) need_value "$@"; pairs="$2"; shift 2 ;;
      --tasks) need_value "$@"; tasks="$2"; shift 2 ;;
      --repeat) need_value "$@"; repeat="$2"; shift 2 ;;
      -*) echo "Benchmarks/run futures-compare: unknown option '$1'" >&2; exit 2 ;;
      *)
        if [[ -n $revision ]]; then
          echo "Benchmarks/run futures-compare: one revision only ('$revision', then '$1')" >&2
          exit 2
        fi
        revision="$1"
        shift
        ;;
    esac
  done
  if [[ -z $revision ]]; then
    echo "Benchmarks/run futures-compare: which revision? e.g. futures-compare dd93c23~1" >&2
    exit 2
  fi
  if ! [[ $pairs =~ ^[1-9][0-9]*$ && $tasks =~ ^[1-9][0-9]*$ && $repeat =~ ^[1-9][0-9]*$ ]]; then
    echo "Benchmarks/run futures-compare: --pairs, --tasks and --repeat want positive whole numbers" >&2
    exit 2
  fi
  local before now
  before="$(build_revision "$revision")"
  echo "building lessons-bench (release, $scratch)…" >&2
  build_product lessons-bench
  now="$scratch/release/lessons-bench"
  echo "== futures: $revision (before) and this tree (now) in turns (ABBA…), $pairs pairs," \
    "--tasks $tasks --repeat $repeat (best of each run, tasks/s)"
  local pair name output_before output_now figures=""
  for ((pair = 1; pair <= pairs; pair++)); do
    # The order turns too (before first in odd pairs, now first in even ones), so that
    # neither side always runs just after the other.
    if ((pair % 2 == 1)); then
      output_before="$("$before" futures --tasks "$tasks" --repeat "$repeat")"
      output_now="$("$now" futures --tasks "$tasks" --repeat "$repeat")"
    else
      output_now="$("$now" futures --tasks "$tasks" --repeat "$repeat")"
      output_before="$("$before" futures --tasks "$tasks" --repeat "$repeat")"
    fi
    for name in submit+result map as_completed; do
      figures+="$name $(rate_of "$name" "$output_before") $(rate_of "$name" "$output_now")"$'\n'
    done
    awk -v pair="$pair" '{ printf "pair %d %-13s before=%8d now=%8d now/before=%.3f\n", pair, $1, $2, $3, $3 / $2 }' \
      <<<"$(tail -n 3 <<<"${figures%$'\n'}")"
  done
  # Medians per pattern, and the median of the pairs' ratios (which cancels slow drift).
  awk '
    function median(list, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
      return (n % 2) ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
    }
    NF == 3 { k = ++count[$1]; b[$1, k] = $2; n[$1, k] = $3; r[$1, k] = $3 / $2; order[$1] = order[$1] ? order[$1] : ++patterns; names[order[$1]] = $1 }
    END {
      for (p = 1; p <= patterns; p++) {
        name = names[p]; c = count[name]
        for (k = 1; k <= c; k++) { lb[k] = b[name, k]; ln[k] = n[name, k]; lr[k] = r[name, k] }
        mb = median(lb, c); mn = median(ln, c); mr = median(lr, c)
        printf "futures-compare %-13s before=%d/s now=%d/s (medians of %d) now/before=%.3f (median of the pairs: %.3f)\n",
          name, mb, mn, c, mn / mb, mr
      }
    }' <<<"$figures"
}
