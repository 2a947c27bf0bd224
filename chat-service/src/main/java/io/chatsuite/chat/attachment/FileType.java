package io.chatsuite.chat.attachment;

/** A type the service accepts, as decided from the bytes. {@code image} types get dimensions and a thumbnail. */
public enum FileType {
    JPEG("image/jpeg", true),
    PNG("image/png", true),
    GIF("image/gif", true),
    WEBP("image/webp", true),
    PDF("application/pdf", false),
    ZIP("application/zip", false),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", false),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", false),
    ODT("application/vnd.oasis.opendocument.text", false),
    ODS("application/vnd.oasis.opendocument.spreadsheet", false),
    ODP("application/vnd.oasis.opendocument.presentation", false),
    TEXT("text/plain; charset=utf-8", false);

    private final String contentType;
    private final boolean image;

    FileType(String contentType, boolean image) {
        this.contentType = contentType;
        this.image = image;
    }

    public String contentType() {
        return contentType;
    }

    /** A raster image a browser may show inline (never SVG: it is refused outright). */
    public boolean image() {
        return image;
    }
}
