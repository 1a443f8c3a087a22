package segment

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	s, err := New("en")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "The minister arrived. He met the envoy.", []string{"The minister arrived.", "He met the envoy."}},
		{"title abbreviation", "Gen. Haftar met Mr. Smith in Benghazi. They talked.", []string{"Gen. Haftar met Mr. Smith in Benghazi.", "They talked."}},
		{"acronym mid-sentence", "The U.S. Embassy said it would help. Talks follow.", []string{"The U.S. Embassy said it would help.", "Talks follow."}},
		{"p.m. before a new sentence", "The talks ended at 6 p.m. Mr. Kovac then left.", []string{"The talks ended at 6 p.m.", "Mr. Kovac then left."}},
		{"p.m. before a weekday", "It starts at 6 p.m. Tuesday in Rome.", []string{"It starts at 6 p.m. Tuesday in Rome."}},
		{"closing quote", "“We agreed,” he said. “It is done.” The end.", []string{"“We agreed,” he said.", "“It is done.”", "The end."}},
		{"line breaks", "Headline here\n\nFirst line.\nSecond line", []string{"Headline here", "First line.", "Second line"}},
		{"initial", "John F. Kennedy spoke. Then left.", []string{"John F. Kennedy spoke.", "Then left."}},
		{"lower case after stop", "He met officials of the Dept. of Defense. Done.", []string{"He met officials of the Dept. of Defense.", "Done."}},
		{"question", "Will they meet? Nobody knows!", []string{"Will they meet?", "Nobody knows!"}},
		{"decimal", "Aid rose 3.5 percent. Good.", []string{"Aid rose 3.5 percent.", "Good."}},
		{"month abbreviation", "On Oct. 26 the deal was signed. It holds.", []string{"On Oct. 26 the deal was signed.", "It holds."}},
		{"arabic", "التقى الوزير بالسفير. وناقشا التعاون.", []string{"التقى الوزير بالسفير.", "وناقشا التعاون."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sent := range s.Split(tt.in) {
				got = append(got, tt.in[sent.Start:sent.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitParagraphs(t *testing.T) {
	s, _ := New("en")
	got := s.Split("Title\n\nOne. Two.\nThree.\n\nFour.")
	wantPara := []int{0, 1, 1, 1, 2}
	if len(got) != len(wantPara) {
		t.Fatalf("got %d sentences, want %d", len(got), len(wantPara))
	}
	for i, sent := range got {
		if sent.Para != wantPara[i] || sent.Index != i {
			t.Errorf("sentence %d: para %d index %d, want para %d", i, sent.Para, sent.Index, wantPara[i])
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string // Norm of each token
		poss []int    // indexes of tokens with Poss
	}{
		{"Al-Hwaij’s talks", []string{"al", "-", "hwaij", "talks"}, []int{2}},
		{"the U.S. Embassy", []string{"the", "us", "embassy"}, nil},
		{"Mo'ammar Gadhafi", []string{"moammar", "gadhafi"}, nil},
		{"on August 12th, 2023", []string{"on", "august", "12th", ",", "2023"}, nil},
		{"1,000 troops", []string{"1,000", "troops"}, nil},
		{"5+5 commission", []string{"5", "+", "5", "commission"}, nil},
		{"Yaşar Güler", []string{"yasar", "guler"}, nil},
		{"the ministers' meeting", []string{"the", "ministers", "meeting"}, []int{1}},
	}
	for _, tt := range tests {
		toks := Tokenize(nil, tt.in, 0, len(tt.in))
		var got []string
		var poss []int
		for i, tok := range toks {
			got = append(got, tok.Norm)
			if tok.Poss {
				poss = append(poss, i)
			}
			if tok.Start < 0 || tok.End > len(tt.in) || tok.Start >= tok.End {
				t.Errorf("%q: bad offsets %d-%d", tt.in, tok.Start, tok.End)
			}
		}
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(poss, tt.poss) {
			t.Errorf("Tokenize(%q) = %q poss %v, want %q poss %v", tt.in, got, poss, tt.want, tt.poss)
		}
	}
}

func TestSplitWrapped(t *testing.T) {
	s, _ := New("en")
	text := "Qatar\nsigned an agreement with the\ngovernment on Monday. Officials\nwelcomed it.\nHeadline Without Stop\nThe body starts here."
	var got []string
	for _, sent := range s.Split(text) {
		got = append(got, text[sent.Start:sent.End])
	}
	want := []string{"Qatar\nsigned an agreement with the\ngovernment on Monday.", "Officials\nwelcomed it.", "Headline Without Stop", "The body starts here."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
