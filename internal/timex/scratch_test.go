package timex

import (
	"fmt"
	"testing"
	"time"
)

func TestScratch2(t *testing.T) {
	ref := Ref{Time: time.Date(2021, 9, 29, 0, 0, 0, 0, time.UTC)}
	for _, s := range []string{
		"The 2nd Infantry Division left in mid-2020 and early 2021, this week's meeting aside.",
		"Envoy Jan Kubis said on 31 April and Feb 29 and Oct 26 that the Sun. reported; Mar Elias.",
		"Le mardi 3 mars 2020, puis le 1er mai, entre 2016 et 2021, from 2016 to 2021.",
		"The talks, held between 3 and 5 May, and on 5 and 6 June, in 10 days, the day after.",
		"Today's statement; next year's elections; the year 2011; in the spring of 2012.",
		"He said Monday night that Tuesday, Wednesday and Thursday are off.",
		"On Sept. 11, 2001, and on 9/11, at 2:30 p.m. on Tuesday.",
		"يوم الثلاثاء الماضي، وفي 15 آب/أغسطس 2021، ومنذ عام 2011، والعام المقبل.",
	} {
		fmt.Println(s)
		for _, e := range Find(s, ref, "") {
			fmt.Printf("   %q %s %s y=%d past=%v fut=%v role=%d attr=%v\n", e.Text, e.Date, e.Precision, e.Year, e.Past, e.Future, e.Role, e.Attr)
		}
	}
}
