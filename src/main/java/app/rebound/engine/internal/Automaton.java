package app.rebound.engine.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over lower-case phrases: one linear pass over a text reports every phrase it contains,
 * case-folding on the fly. Immutable after construction and safe to share between threads.
 */
final class Automaton {
    private final int[] fail;
    private final int[][] out;      // phrase ids recognised when entering a state (fail chain merged)
    private final int size;         // number of phrases
    private final int[] edgeStart;  // per state: first edge index; edges sorted by char
    private final char[] edgeChar;
    private final int[] edgeTarget;
    /**
     * Character classes: every char, case-folded, maps to the class of the phrase character it equals, or to 0
     * when no phrase contains it (such a char always leads back to the start state).
     */
    private final char[] classOf = new char[65536];
    private final int classes;
    /**
     * The complete DFA (failure links resolved): for the row of a state ({@code state * classes}) plus a class,
     * the row of the next state; negative (high bit set) when that state recognises at least one phrase.
     */
    private final int[] delta;
    /** The same table with target ranks as chars (high bit: the target recognises a phrase), when they fit. */
    private final char[] compact;
    /** {@link #out} indexed by the BFS rank used in {@link #delta}. */
    private final int[][] outByRank;

    /**
     * Phrases holding a character outside ASCII (after case folding), with their ids: matched by a small automaton
     * of their own ({@link #rare}), run only over texts that hold such a character. Kept out of the main table so
     * that their many distinct characters do not widen every row of it (the table is states x classes).
     */
    private final Automaton rare;
    private final int[] rareIds;

    Automaton(List<String> phrases) {
        this(phrases, true);
    }

    private Automaton(List<String> all, boolean splitRare) {
        this.size = all.size();
        List<String> phrases = new ArrayList<>(all);
        List<String> rarePhrases = new ArrayList<>();
        List<Integer> rareIdList = new ArrayList<>();
        if (splitRare) {
            for (int id = 0; id < phrases.size(); id++) {
                if (!asciiFolded(phrases.get(id))) {
                    rarePhrases.add(phrases.get(id));
                    rareIdList.add(id);
                    phrases.set(id, "");
                }
            }
        }
        rare = rarePhrases.isEmpty() ? null : new Automaton(rarePhrases, false);
        rareIds = rareIdList.stream().mapToInt(Integer::intValue).toArray();
        int total = 1;
        for (String p : phrases) {
            total += p.length();
        }
        int cap = Integer.highestOneBit(Math.max(16, total * 2)) << 1;
        long[] k = new long[cap];
        int[] t = new int[cap];
        int m = cap - 1;
        List<int[]> outs = new ArrayList<>();
        outs.add(new int[0]);
        int states = 1;
        for (int id = 0; id < phrases.size(); id++) {
            String p = phrases.get(id);
            if (p.isEmpty()) {
                continue;
            }
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = fold(p.charAt(i));
                int nx = get(k, t, m, s, c);
                if (nx < 0) {
                    nx = states++;
                    outs.add(new int[0]);
                    put(k, t, m, s, c, nx);
                }
                s = nx;
            }
            int[] o = outs.get(s);
            o = Arrays.copyOf(o, o.length + 1);
            o[o.length - 1] = id;
            outs.set(s, o);
        }
        fail = new int[states];
        out = outs.toArray(new int[0][]);
        // BFS over the trie to set failure links; children are found by scanning the table once.
        List<List<int[]>> children = new ArrayList<>(states);
        for (int i = 0; i < states; i++) {
            children.add(new ArrayList<>(2));
        }
        for (int i = 0; i < cap; i++) {
            if (k[i] != 0) {
                long key = k[i] - 1;
                children.get((int) (key >>> 16)).add(new int[] {(int) (key & 0xFFFF), t[i]});
            }
        }
        edgeStart = new int[states + 1];
        int edges = 0;
        for (int i = 0; i < states; i++) {
            edgeStart[i] = edges;
            edges += children.get(i).size();
        }
        edgeStart[states] = edges;
        edgeChar = new char[edges];
        edgeTarget = new int[edges];
        for (int i = 0; i < states; i++) {
            List<int[]> ch = children.get(i);
            ch.sort((x, y) -> Integer.compare(x[0], y[0]));
            for (int j = 0; j < ch.size(); j++) {
                edgeChar[edgeStart[i] + j] = (char) ch.get(j)[0];
                edgeTarget[edgeStart[i] + j] = ch.get(j)[1];
            }
        }
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int[] ch : children.get(0)) {
            fail[ch[1]] = 0;
            q.add(ch[1]);
        }
        while (!q.isEmpty()) {
            int s = q.poll();
            for (int[] ch : children.get(s)) {
                char c = (char) ch[0];
                int child = ch[1];
                int f = fail[s];
                int nx;
                while ((nx = get(k, t, m, f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = nx >= 0 && nx != child ? nx : 0;
                int[] fo = out[fail[child]];
                if (fo.length > 0) {
                    int[] o = out[child];
                    int[] merged = Arrays.copyOf(o, o.length + fo.length);
                    System.arraycopy(fo, 0, merged, o.length, fo.length);
                    out[child] = merged;
                }
                q.add(child);
            }
        }
        // Character classes over the folded alphabet of the phrases.
        char[] classOfFolded = new char[65536];
        int nc = 1;
        for (char c : edgeChar) {
            if (classOfFolded[c] == 0) {
                classOfFolded[c] = (char) nc++;
            }
        }
        classes = nc;
        for (int c = 0; c < 65536; c++) {
            classOf[c] = classOfFolded[fold((char) c)];
        }
        char[] charOfClass = new char[nc];
        for (int c = 0; c < 65536; c++) {
            if (classOfFolded[c] != 0) {
                charOfClass[classOfFolded[c]] = (char) c;
            }
        }
        if ((long) states * nc >= Integer.MAX_VALUE) {
            throw new IllegalStateException("automaton too large: " + states + " states x " + nc + " classes");
        }
        // States are renumbered so that memory follows the walk: the start state and the states one or two
        // characters deep, which almost every text visits, first and breadth-first, sharing a few cache lines;
        // then each deeper subtree depth-first, so that following a phrase reads adjacent rows.
        int[] bfs = new int[states];
        int[] depth = new int[states];
        int head = 0;
        int tail = 0;
        bfs[tail++] = 0;
        while (head < tail) {
            int s = bfs[head++];
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                depth[edgeTarget[e]] = depth[s] + 1;
                bfs[tail++] = edgeTarget[e];
            }
        }
        int[] order = new int[states];
        int n = 0;
        for (int s : bfs) {
            if (depth[s] <= 2) {
                order[n++] = s;
            }
        }
        int shallow = n;
        int[] stack = new int[states];
        for (int i = 0; i < shallow; i++) {
            if (depth[order[i]] != 2) {
                continue;
            }
            int sp = 0;
            for (int e = edgeStart[order[i] + 1] - 1; e >= edgeStart[order[i]]; e--) {
                stack[sp++] = edgeTarget[e];
            }
            while (sp > 0) {
                int s = stack[--sp];
                order[n++] = s;
                for (int e = edgeStart[s + 1] - 1; e >= edgeStart[s]; e--) {
                    stack[sp++] = edgeTarget[e];
                }
            }
        }
        int[] rank = new int[states];
        for (int r = 0; r < states; r++) {
            rank[order[r]] = r;
        }
        // delta(s, c) = goto(s, c) if defined, else delta(fail(s), c); the start state loops on itself.
        // Rows are filled in breadth-first order: fail(s), being shallower, is complete before s. Class 0 always
        // leads to the start state.
        int[] d = new int[states * nc];
        int[][] byRank = new int[states][];
        for (int s : bfs) {
            int r = rank[s];
            byRank[r] = out[s];
            for (int cl = 1; cl < nc; cl++) {
                int nx = step(s, charOfClass[cl]);
                int row;
                if (nx >= 0) {
                    row = rank[nx] * nc | (out[nx].length > 0 ? Integer.MIN_VALUE : 0);
                } else {
                    row = s == 0 ? 0 : d[rank[fail[s]] * nc + cl];
                }
                d[r * nc + cl] = row;
            }
        }
        if (states <= 0x7FFF) {
            // Compact form: target ranks in 15 bits, the phrase flag in the 16th; half the memory to bring in.
            char[] dc = new char[d.length];
            for (int i = 0; i < d.length; i++) {
                dc[i] = (char) ((d[i] & Integer.MAX_VALUE) / nc | (d[i] < 0 ? 0x8000 : 0));
            }
            compact = dc;
            delta = null;
        } else {
            compact = null;
            delta = d;
        }
        outByRank = byRank;
    }

    private static boolean asciiFolded(String phrase) {
        for (int i = 0; i < phrase.length(); i++) {
            if (fold(phrase.charAt(i)) >= 128) {
                return false;
            }
        }
        return true;
    }

    static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        if (c < 128) {
            return c;
        }
        return Character.toLowerCase(c);
    }

    private static int get(long[] k, int[] t, int m, int s, char c) {
        long key = (((long) s) << 16 | c) + 1;
        int h = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & m;
        while (k[h] != 0) {
            if (k[h] == key) {
                return t[h];
            }
            h = (h + 1) & m;
        }
        return -1;
    }

    private static void put(long[] k, int[] t, int m, int s, char c, int target) {
        long key = (((long) s) << 16 | c) + 1;
        int h = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & m;
        while (k[h] != 0) {
            h = (h + 1) & m;
        }
        k[h] = key;
        t[h] = target;
    }

    private int step(int s, char c) {
        int lo = edgeStart[s];
        int hi = edgeStart[s + 1];
        if (hi - lo <= 6) {
            for (int i = lo; i < hi; i++) {
                if (edgeChar[i] == c) {
                    return edgeTarget[i];
                }
            }
            return -1;
        }
        hi--;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    /** Bit set (one bit per phrase id) of the phrases found in {@code text}. */
    long[] scan(String text) {
        long[] hits = new long[(size + 63) >>> 6];
        final char[] dc = compact;
        if (dc != null) {
            final char[] cls = classOf;
            final int nc = classes;
            int s = 0;
            int n = text.length();
            int any = 0;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                any |= c;
                int t = dc[s * nc + cls[c]];
                if (t >= 0x8000) {
                    t &= 0x7FFF;
                    for (int id : outByRank[t]) {
                        hits[id >>> 6] |= 1L << id;
                    }
                }
                s = t;
            }
            return any >= 128 ? withRare(text, hits) : hits;
        }
        final int[] d = delta;
        final char[] cls = classOf;
        final int nc = classes;
        int s = 0;
        int n = text.length();
        int any = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            any |= c;
            int t = d[s + cls[c]];
            if (t < 0) {
                t &= Integer.MAX_VALUE;
                for (int id : outByRank[t / nc]) {
                    hits[id >>> 6] |= 1L << id;
                }
            }
            s = t;
        }
        return any >= 128 ? withRare(text, hits) : hits;
    }

    /** Adds the hits of the non-ASCII phrases (only texts holding a non-ASCII character can contain one). */
    private long[] withRare(String text, long[] hits) {
        if (rare == null) {
            return hits;
        }
        long[] r = rare.scan(text);
        for (int w = 0; w < r.length; w++) {
            long bits = r[w];
            while (bits != 0) {
                int id = rareIds[(w << 6) + Long.numberOfTrailingZeros(bits)];
                hits[id >>> 6] |= 1L << id;
                bits &= bits - 1;
            }
        }
        return hits;
    }

    static boolean has(long[] hits, int id) {
        return (hits[id >>> 6] & (1L << id)) != 0;
    }
}
