package app.rebound.outbound;

/** Text from a receiver made safe to store: control characters (NUL included) become spaces, length capped. */
final class Texts {
    private Texts() {
    }

    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char ch = s.charAt(i);
            b.append(ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7f ? ' ' : ch);
        }
        if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }
}
