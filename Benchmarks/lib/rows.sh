# shellcheck shell=bash
# Rows of the one table that `Benchmarks/run` (no mode) prints at the end: every mode that
# measures something with an aim appends its rows with `row` to $LESSONS_BENCH_ROWS when it is
# set, one tab-separated line each:
#
#   ROW <what> <swift> <peer> <ratio> <aim> <met|missed|n/a>
#
# A mode run alone leaves the variable unset and writes no rows.

# Appends one row (six fields: what, Swift's figure, the peer's, the ratio, the aim, the verdict).
row() {
  [[ -n "${LESSONS_BENCH_ROWS:-}" ]] || return 0
  printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$LESSONS_BENCH_ROWS"
}

# "met" if VALUE OP LIMIT holds (OP is >= or <=), "missed" if not, "n/a" without a value.
verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "" || v == "nan") { print "n/a"; exit }
    ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 <= l + 0)
    print (ok ? "met" : "missed")
  }'
}

# A rate per second in three significant figures: 1.23M/s, 45.2k/s, 1.92k/s, 812/s.
rate_text() {
  awk -v r="$1" 'BEGIN {
    if (r == "") { print "-"; exit }
    if (r >= 1e6) printf "%.2fM/s\n", r / 1e6
    else if (r >= 1e5) printf "%.0fk/s\n", r / 1e3
    else if (r >= 1e4) printf "%.1fk/s\n", r / 1e3
    else if (r >= 1e3) printf "%.2fk/s\n", r / 1e3
    else printf "%.0f/s\n", r
  }'
}

# A ratio A/B as "12.3x" (two decimals under 10), or "-" when either is missing or B is 0.
ratio_text() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "" || b == "" || b + 0 == 0) { print "-"; exit }
    r = a / b
    printf (r < 10 ? "%.2fx\n" : "%.1fx\n"), r
  }'
}

# The ratio A/B as a bare number for `verdict`, or nothing.
ratio_of() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b + 0 != 0) printf "%.6f\n", a / b }'
}

# printf-style formatting of one number: `number_text %.1fms 12.345` prints 12.3ms, "-" if empty.
number_text() {
  awk -v f="$1" -v v="$2" 'BEGIN { if (v == "") print "-"; else printf f "\n", v }'
}

# Prints the rows in file $1 as one aligned table (and, with $2, writes it as Markdown there).
print_table() {
  local rows="$1" markdown="${2:-}"
  awk -F '\t' -v markdown="$markdown" '
    BEGIN {
      n = 1
      cell[1, 1] = "what"; cell[1, 2] = "Swift"; cell[1, 3] = "peer"
      cell[1, 4] = "ratio"; cell[1, 5] = "aim"; cell[1, 6] = "met"
    }
    $1 == "ROW" { n++; for (i = 1; i <= 6; i++) cell[n, i] = $(i + 1) }
    END {
      for (i = 1; i <= 6; i++)
        for (r = 1; r <= n; r++) if (length(cell[r, i]) > width[i]) width[i] = length(cell[r, i])
      for (r = 1; r <= n; r++) {
        line = ""
        for (i = 1; i <= 6; i++) line = line sprintf(i < 6 ? "%-" width[i] "s  " : "%s", cell[r, i])
        print line
      }
      if (markdown == "") exit
      for (r = 1; r <= n; r++) {
        line = "|"
        for (i = 1; i <= 6; i++) line = line " " cell[r, i] " |"
        print line > markdown
        if (r == 1) print "|---|---|---|---|---|---|" > markdown
      }
    }' "$rows"
}
