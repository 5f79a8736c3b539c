package runpodapi

import (
	"reflect"
	"testing"
)

func TestArgsRoundTrip(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"python"},
		{"python", "-c", "print('hi')"},
		{"a b", "  leading", "trailing  "},
		{""},
		{"", "x", ""},
		{"it's", "'", "''", `"`, `\`, `\\n`},
		{"$HOME", "${X:-y}", "`id`", "$(rm -rf /)", "!", "*", "~", "#c", "a;b", "a|b", "a&b", "<in", ">out"},
		{"line1\nline2", "tab\there", "\n"},
		{"ünïcødé", "日本"},
		{"--flag=value", "user@host:/path,1%+"},
	} {
		joined := joinArgs(args)
		if back := splitArgs(joined); !reflect.DeepEqual(back, args) {
			t.Errorf("%q -> %q -> %q", args, joined, back)
		}
	}
	for in, want := range map[string]string{
		`python -c 'print(1)'`:     `["python","-c","print(1)"]`,
		"python  x.py\t--n  1":     `["python","x.py","--n","1"]`,
		`bash -lc "echo \"$X\" y"`: `["bash","-lc","echo \"$X\" y"]`,
		`a\ b c`:                   `["a b","c"]`,
		`unterminated 'quote`:      `["unterminated","quote"]`,
		``:                         `null`,
	} {
		got, _ := jsonMarshal(splitArgs(in))
		if got != want {
			t.Errorf("splitArgs(%s) = %s, want %s", in, got, want)
		}
	}
	if got := joinArgs([]string{"plain", "with space", "it's", ""}); got != `plain 'with space' 'it'\''s' ''` {
		t.Errorf("joinArgs = %s", got)
	}
}
