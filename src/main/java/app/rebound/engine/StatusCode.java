package app.rebound.engine;

/**
 * An RFC 3463 enhanced status code {@code class.subject.detail}, e.g. {@code 5.1.1}.
 * Subject and detail are 0..999 (Microsoft's 5.7.606 and Sisimai's 5.0.911 placeholders are valid syntax).
 */
public record StatusCode(int klass, int subject, int detail) {

    public StatusCode {
        if (klass != 2 && klass != 4 && klass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + klass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("status subject/detail out of range: " + subject + "." + detail);
        }
    }

    /** Parses "5.1.1"; throws IllegalArgumentException when the text is not a status code. */
    public static StatusCode parse(String text) {
        StatusCode s = tryParse(text);
        if (s == null) {
            throw new IllegalArgumentException("not an enhanced status code: " + text);
        }
        return s;
    }

    /** Parses "5.1.1" (surrounding blanks allowed), or returns null. */
    public static StatusCode tryParse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int n = t.length();
        if (n < 5 || n > 9) {
            return null;
        }
        char c = t.charAt(0);
        if ((c != '2' && c != '4' && c != '5') || t.charAt(1) != '.') {
            return null;
        }
        int i = 2;
        int subject = 0;
        int digits = 0;
        while (i < n && Character.isDigit(t.charAt(i)) && digits < 3) {
            subject = subject * 10 + (t.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i >= n || t.charAt(i) != '.') {
            return null;
        }
        i++;
        int detail = 0;
        digits = 0;
        while (i < n && Character.isDigit(t.charAt(i)) && digits < 3) {
            detail = detail * 10 + (t.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i != n) {
            return null;
        }
        return new StatusCode(c - '0', subject, detail);
    }

    public boolean isPermanent() {
        return klass == 5;
    }

    public boolean isTransient() {
        return klass == 4;
    }

    public boolean isSuccess() {
        return klass == 2;
    }

    /** X.0.0 and the other codes that say little on their own; a code found in the reply text is preferred. */
    public boolean isVague() {
        return (subject == 0 && detail == 0)
                || (subject == 0 && detail >= 900)
                || (klass == 4 && subject == 4 && detail == 7)
                || (subject == 7 && detail == 0)
                || (subject == 3 && detail == 0)
                || (subject == 5 && (detail == 1 || detail == 2 || detail == 4 || detail == 5));
    }

    /** True for the X.7.x security / policy subject. */
    public boolean isSecurityOrPolicy() {
        return subject == 7;
    }

    @Override
    public String toString() {
        return klass + "." + subject + "." + detail;
    }
}
