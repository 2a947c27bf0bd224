package io.chatsuite.chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTests {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("C:\\Users\\me\\photo.jpg")).isEqualTo("photo.jpg");
        assertThat(FileNames.clean("..")).isEqualTo("file");
        assertThat(FileNames.clean("dir/")).isEqualTo("file");
        assertThat(FileNames.clean(null)).isEqualTo("file");
    }

    @Test
    void dropsControlAndBidiOverrideCharactersAndBoundsTheLength() {
        assertThat(FileNames.clean("report\u202Efdp.exe")).isEqualTo("reportfdp.exe");
        assertThat(FileNames.clean("a\u0000b\r\nc\td.txt")).isEqualTo("abcd.txt");
        assertThat(FileNames.clean("a\u2028b\u2029c\uD83D\u0085.txt")).isEqualTo("abc.txt");
        assertThat(FileNames.clean("x".repeat(400) + ".txt")).hasSize(FileNames.MAX_LENGTH);
        assertThat(FileNames.clean("\uD83D\uDE00".repeat(200))).hasSize(254);
    }

    @Test
    void keepsMarkupAsTextButEncodesItForTheHeader() {
        assertThat(FileNames.clean("<b>bold</b>.txt")).isEqualTo("b>.txt");
        assertThat(FileNames.clean("<b>bold<.txt")).isEqualTo("<b>bold<.txt");
        assertThat(FileNames.contentDisposition(false, "a\"b;c.txt"))
                .isEqualTo("attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%3Bc.txt");
        assertThat(FileNames.contentDisposition(true, "Grüße 😀.png"))
                .isEqualTo("inline; filename=\"Gr__e _.png\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%F0%9F%98%80.png");
    }
}
