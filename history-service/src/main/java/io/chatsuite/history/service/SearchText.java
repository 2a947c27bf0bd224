package io.chatsuite.history.service;

import io.chatsuite.history.api.SearchPage.Snippet;
import io.chatsuite.history.api.SearchPage.TextRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words history indexes and searches for. PostgreSQL finds no word boundaries in Chinese, Japanese or Korean, so
 * a run of CJK characters becomes its overlapping two-character pieces ("北京大学" → 北京 京大 大学), which a
 * query's own pieces match as a phrase. Other text splits at anything that is not a letter or digit. Everything is
 * lower-cased here, so PostgreSQL's 'simple' configuration only keeps the words as given.
 */
public final class SearchText {

    private static final Set<Character.UnicodeScript> CJK_SCRIPTS = Set.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL);

    private SearchText() {
    }

    /** The text {@code to_tsvector('simple', ...)} indexes for a message body. */
    public static String document(String body) {
        return segments(body).stream().map(Segment::words).collect(Collectors.joining(" "));
    }

    /**
     * A {@code websearch_to_tsquery('simple', ...)} query requiring every word, and each CJK run as a phrase of its
     * pieces; empty when the text has no word. Each term is quoted, so nothing the user typed becomes an operator.
     */
    public static String query(String text) {
        return segments(text).stream().map(segment -> '"' + segment.words() + '"').collect(Collectors.joining(" "));
    }

    /** Up to {@code length} characters of the body around its first match of the query, and the matched ranges. */
    public static Snippet snippet(String body, String query, int length) {
        List<TextRange> matches = matches(body, segments(query));
        int start = 0;
        int end = body.length();
        if (end > length) {
            int first = matches.isEmpty() ? 0 : matches.get(0).start();
            start = Math.max(0, first - length / 4);
            end = Math.min(body.length(), start + length);
            start = Math.max(0, end - length);
            // Never cut a surrogate pair in half.
            if (start > 0 && Character.isLowSurrogate(body.charAt(start))) {
                start++;
            }
            if (end < body.length() && Character.isLowSurrogate(body.charAt(end))) {
                end--;
            }
        }
        int from = start;
        int to = end;
        List<TextRange> inside = matches.stream()
                .filter(range -> range.start() >= from && range.end() <= to)
                .map(range -> new TextRange(range.start() - from, range.end() - from))
                .toList();
        return new Snippet(body.substring(from, to), inside);
    }

    /** Where the query's words and CJK runs occur in the body, in order, overlaps merged. */
    private static List<TextRange> matches(String body, List<Segment> query) {
        Set<String> words = query.stream().filter(s -> !s.cjk()).map(Segment::lowerText).collect(Collectors.toSet());
        List<String> runs = query.stream().filter(Segment::cjk).map(Segment::text).toList();
        List<TextRange> found = new ArrayList<>();
        for (Segment segment : segments(body)) {
            if (!segment.cjk() && words.contains(segment.lowerText())) {
                found.add(new TextRange(segment.start(), segment.end()));
            } else if (segment.cjk()) {
                for (String run : runs) {
                    for (int at = segment.text().indexOf(run); at >= 0; at = segment.text().indexOf(run, at + 1)) {
                        found.add(new TextRange(segment.start() + at, segment.start() + at + run.length()));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(TextRange::start));
        List<TextRange> merged = new ArrayList<>();
        for (TextRange range : found) {
            TextRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.start() < last.end()) {
                merged.set(merged.size() - 1, new TextRange(last.start(), Math.max(last.end(), range.end())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** Maximal runs of CJK characters, or of other letters and digits; everything else separates. */
    static List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        CharacterKind run = CharacterKind.SEPARATOR;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            CharacterKind kind = CharacterKind.of(text.codePointAt(i));
            if (kind != run) {
                if (run != CharacterKind.SEPARATOR) {
                    segments.add(new Segment(text.substring(start, i), start, i, run == CharacterKind.CJK));
                }
                start = i;
                run = kind;
            }
        }
        if (run != CharacterKind.SEPARATOR) {
            segments.add(new Segment(text.substring(start), start, text.length(), run == CharacterKind.CJK));
        }
        return segments;
    }

    private enum CharacterKind {
        SEPARATOR, WORD, CJK;

        static CharacterKind of(int codePoint) {
            int type = Character.getType(codePoint);
            boolean wordPart = Character.isLetterOrDigit(codePoint)
                    || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
            if (!wordPart) {
                return SEPARATOR;
            }
            // The katakana prolonged sound mark (as in コーヒー) belongs to no script but to the kana around it.
            return CJK_SCRIPTS.contains(Character.UnicodeScript.of(codePoint)) || codePoint == 0x30FC ? CJK : WORD;
        }
    }

    record Segment(String text, int start, int end, boolean cjk) {

        String lowerText() {
            return text.toLowerCase(Locale.ROOT);
        }

        /** A word as itself; a CJK run as its overlapping character pairs (a single character stays one word). */
        String words() {
            if (!cjk) {
                return lowerText();
            }
            int[] codePoints = text.codePoints().toArray();
            if (codePoints.length == 1) {
                return text;
            }
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < codePoints.length; i++) {
                pairs.add(new String(codePoints, i, 2));
            }
            return String.join(" ", pairs);
        }
    }
}
