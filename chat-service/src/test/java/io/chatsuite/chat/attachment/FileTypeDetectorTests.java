package io.chatsuite.chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTypeDetectorTests {

    @TempDir
    Path directory;

    @Test
    void recognisesImagesDocumentsAndTextByTheirBytes() throws IOException {
        assertThat(detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10})).contains(FileType.JPEG);
        assertThat(detect(ascii("GIF89a\u0001\u0000\u0001\u0000"))).contains(FileType.GIF);
        assertThat(detect(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).contains(FileType.WEBP);
        assertThat(detect(ascii("%PDF-1.4\n"))).contains(FileType.PDF);
        assertThat(detect(zip("word/document.xml", "[Content_Types].xml"))).contains(FileType.DOCX);
        assertThat(detect(zip("notes.txt"))).contains(FileType.ZIP);
        assertThat(detect("Grüße, plain text\r\n\tindented\n".getBytes(StandardCharsets.UTF_8))).contains(FileType.TEXT);
    }

    @Test
    void refusesMarkupScriptsExecutablesAndBinaryNoise() throws IOException {
        assertThat(detect(ascii("  <!doctype html><p>hi"))).isEmpty();
        assertThat(detect(ascii("\uFEFF<svg onload=alert(1)>"))).isEmpty();
        assertThat(detect(ascii("hello\n<script>alert(1)</script>"))).isEmpty();
        assertThat(detect(ascii("<?xml version=\"1.0\"?><svg/>"))).isEmpty();
        assertThat(detect(ascii("#!/usr/bin/env python\n"))).isEmpty();
        assertThat(detect(ascii("MZ\u0090\u0000\u0003"))).isEmpty();
        assertThat(detect(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1})).isEmpty();
        assertThat(detect(new byte[] {'a', 'b', (byte) 0xc3})).isEmpty();
        assertThat(detect(new byte[] {'a', 0, 'b'})).isEmpty();
        assertThat(detect(new byte[0])).isEmpty();
    }

    @Test
    void refusesMarkupPushedBackByLeadingWhitespace() throws IOException {
        for (int padding : new int[] {1023, 1024, 1500, 9000, 70_000}) {
            String blank = " \n\t\r".repeat(padding / 4 + 1);
            assertThat(detect(ascii(blank + "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")))
                    .as("svg after %d blanks", padding).isEmpty();
            assertThat(detect(ascii("\uFEFF" + blank + "<!DOCTYPE html><script>alert(1)</script>")))
                    .as("html after %d blanks", padding).isEmpty();
            assertThat(detect(ascii(blank + "plain words, then <b>markup</b> much later")))
                    .as("text after %d blanks", padding).contains(FileType.TEXT);
        }
    }

    private Optional<FileType> detect(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(directory, "sample", ".bin");
        Files.write(file, bytes);
        return FileTypeDetector.detect(file);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("x".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
