package io.chatsuite.chat.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a file's type from its bytes alone (magic numbers), never from its name or the declared type. Anything not
 * recognised is refused: HTML, SVG and other markup, scripts, executables, unknown binaries.
 */
public final class FileTypeDetector {

    private static final int HEAD = 8192;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    /** Markup that old sniffers looked for anywhere in the first bytes; a leading '<' is refused regardless. */
    private static final String[] MARKUP = {"<!doctype", "<html", "<body", "<script", "<svg", "<?xml", "<iframe"};
    private static final int MARKUP_WINDOW = 1024;

    private FileTypeDetector() {
    }

    public static Optional<FileType> detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return Optional.of(FileType.JPEG);
        }
        if (startsWith(head, 0, PNG)) {
            return Optional.of(FileType.PNG);
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of(FileType.GIF);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of(FileType.WEBP);
        }
        if (startsWith(head, 0, ascii("%PDF-"))) {
            return Optional.of(FileType.PDF);
        }
        if (startsWith(head, 0, ZIP) || startsWith(head, 0, EMPTY_ZIP)) {
            return Optional.of(zipFamily(head));
        }
        return isPlainText(file, head) ? Optional.of(FileType.TEXT) : Optional.empty();
    }

    /** Office documents are zip archives; the entry names in the first bytes tell which kind. */
    private static FileType zipFamily(byte[] head) {
        String names = new String(head, StandardCharsets.ISO_8859_1);
        if (names.startsWith("mimetype", 30)) {
            if (names.contains("application/vnd.oasis.opendocument.text")) {
                return FileType.ODT;
            }
            if (names.contains("application/vnd.oasis.opendocument.spreadsheet")) {
                return FileType.ODS;
            }
            if (names.contains("application/vnd.oasis.opendocument.presentation")) {
                return FileType.ODP;
            }
        }
        if (names.contains("[Content_Types].xml")) {
            if (names.contains("word/")) {
                return FileType.DOCX;
            }
            if (names.contains("xl/")) {
                return FileType.XLSX;
            }
            if (names.contains("ppt/")) {
                return FileType.PPTX;
            }
        }
        return FileType.ZIP;
    }

    /**
     * Text is strict UTF-8 without NULs or other control characters (tabs, line and page breaks allowed), that does not
     * open like markup or a script: a browser sniffing it must never find HTML, and a text file must never be a
     * disguised program. The opening is read after any amount of leading whitespace, so padding cannot push markup
     * out of sight.
     */
    private static boolean isPlainText(Path file, byte[] head) throws IOException {
        if (head.length == 0) {
            return false;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        StringBuilder opening = new StringBuilder(MARKUP_WINDOW);
        boolean openingChecked = false;
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = read < 0;
                if (!end) {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
                var result = utf8.decode(bytes, chars, end);
                if (result.isError()) {
                    return false;
                }
                if (end) {
                    result = utf8.flush(chars);
                    if (result.isError()) {
                        return false;
                    }
                }
                chars.flip();
                while (chars.hasRemaining()) {
                    char c = chars.get();
                    if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                        return false;
                    }
                    boolean leadingBlank = opening.isEmpty() && (Character.isWhitespace(c)
                            || Character.isSpaceChar(c) || c == '\uFEFF');
                    if (!openingChecked && !leadingBlank) {
                        opening.append(c);
                        if (opening.length() == MARKUP_WINDOW) {
                            openingChecked = true;
                            if (opensLikeMarkup(opening)) {
                                return false;
                            }
                        }
                    }
                }
                chars.clear();
                bytes.compact();
            }
        } catch (CharacterCodingException e) {
            return false;
        }
        return openingChecked || !opensLikeMarkup(opening);
    }

    private static boolean opensLikeMarkup(CharSequence opening) {
        String start = opening.toString().toLowerCase(Locale.ROOT);
        if (start.startsWith("<") || start.startsWith("#!")) {
            return true;
        }
        for (String tag : MARKUP) {
            if (start.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
