package langid

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, hint, want string
	}{
		{"english", "The foreign ministers of the two countries met in Cairo on Sunday to discuss the ceasefire and the return of refugees.", "", "en"},
		{"french", "Les ministres des affaires étrangères des deux pays se sont rencontrés dimanche au Caire pour discuter du cessez-le-feu.", "", "fr"},
		{"arabic", "التقى وزيرا خارجية البلدين في القاهرة يوم الأحد لمناقشة وقف إطلاق النار وعودة اللاجئين إلى ديارهم.", "", "ar"},
		{"short with hint", "Hello", "en-GB", "en"},
		{"short", "Hello", "", ""},
		{"hint agrees", "The foreign ministers of the two countries met in Cairo on Sunday to discuss the ceasefire.", "EN", "en"},
		{"hint contradicted", "Les ministres des affaires étrangères des deux pays se sont rencontrés dimanche au Caire pour discuter du cessez-le-feu et du retour des réfugiés.", "en", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text, tt.hint); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "FR": "fr", "en_US": "en", "eng": "", "": "", "1a": ""} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
