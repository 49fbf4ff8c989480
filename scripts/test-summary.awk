# The closing line of `make test` from the output of `cargo test`: tests passed, failed and
# skipped. A test that found a service or tool missing printed `SKIPPED: <test>: <reason>`
# (rookery_domain::testing::skip_unless_required) and then passed; it counts as skipped.
/^ *(Running|Doc-tests) / { binary = $0 }
/^SKIPPED: / {
  rest = substr($0, 10)
  skipped[binary SUBSEP substr(rest, 1, index(rest, ": ") - 1)] = 1
}
/^test .* \.\.\. ok$/ { if ((binary SUBSEP $2) in skipped) s++ }
/^test result:/ { p += $4; f += $6 }
END { printf "tests: %d passed, %d failed, %d skipped\n", p - s, f, s }
