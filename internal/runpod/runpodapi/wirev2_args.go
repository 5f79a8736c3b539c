package runpodapi

import (
	"strings"
)

// Start commands: v1's dockerStartCmd is a list, v2's args one string.

// joinArgs writes a list of arguments as one POSIX shell string: words made only of
// characters no shell treats specially stay as they are, anything else is single-quoted, a
// single quote inside written as quote-backslash-quote-quote, and an empty argument is a pair
// of single quotes. splitArgs reads it back exactly:
//
//	["python", "-c", "print('hi')", ""]  <->  python -c 'print('\''hi'\'')' ''
//
// ASSUMPTION (unverified): RunPod splits v2's args like a POSIX shell (its migration notes
// show `bash -lc 'python x.py'`).
func joinArgs(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = quoteArg(a)
	}
	return strings.Join(quoted, " ")
}

func quoteArg(a string) string {
	if a == "" {
		return "''"
	}
	plain := true
	for i := 0; i < len(a) && plain; i++ {
		c := a[i]
		plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_@%+=:,./-", c) >= 0
	}
	if plain {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}

// splitArgs splits a shell-quoted string into arguments the way a POSIX shell would (without
// expansions): blanks separate words, single quotes keep everything, double quotes keep
// everything but \" \\ \$ \` and a backslash-newline, and a backslash outside quotes keeps the
// next character. An unterminated quote runs to the end. "" is no arguments (nil).
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '\t', '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		case '\'':
			inWord = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				cur.WriteString(s[i+1:])
				i = len(s)
				continue
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
					i++
					if s[i] != '\n' {
						cur.WriteByte(s[i])
					}
					continue
				}
				cur.WriteByte(s[i])
			}
		case '\\':
			if i+1 >= len(s) {
				cur.WriteByte(c)
				inWord = true
				continue
			}
			i++
			if s[i] != '\n' {
				cur.WriteByte(s[i])
				inWord = true
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}
