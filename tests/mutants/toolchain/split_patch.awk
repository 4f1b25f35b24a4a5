# Splits a unified diff into one part per file: writes DIR/<n>.patch and
# prints "<n> <path>" for each, the path being the new file's name without
# its b/ prefix. A "--- " line starts a file only outside a hunk (the
# hunk's line counts tell), so a removed line that reads "-- x" is not
# mistaken for one. Text before the first file is ignored, as patch does.
#   awk -v dir=DIR -f split_patch.awk FILE.patch
/^--- / && old <= 0 && new <= 0 {
  pending = $0
  next
}
/^\+\+\+ / && pending != "" && old <= 0 && new <= 0 {
  n++
  path = substr($0, 5)
  sub(/\t.*/, "", path)
  sub(/^b\//, "", path)
  out = dir "/" n ".patch"
  print pending > out
  print $0 > out
  print n, path
  pending = ""
  next
}
# @@ -a[,b] +c[,d] @@
/^@@ / && n > 0 {
  split($2, o, ",")
  split($3, w, ",")
  old = (2 in o) ? o[2] + 0 : 1
  new = (2 in w) ? w[2] + 0 : 1
  print > out
  next
}
n > 0 && (old > 0 || new > 0) {
  c = substr($0, 1, 1)
  if (c == " ") {
    old--
    new--
  } else if (c == "-") {
    old--
  } else if (c == "+") {
    new--
  }
  print > out
  next
}
n > 0 && /^\\/ {
  print > out
  next
}
