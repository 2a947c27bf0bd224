package io.chatsuite.chat.attachment;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import io.chatsuite.chat.config.ChatConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jboss.logging.Logger;

/**
 * Reads an image's dimensions from its header and makes its thumbnail, safely: the declared size is checked against
 * a pixel cap before anything is decoded, and decoding subsamples, so the decoded raster stays near the thumbnail's
 * size whatever the file claims. Blocking and CPU-heavy: call from worker threads only; at most a few at once.
 */
@ApplicationScoped
public class ImageInspector {

    private static final Logger LOG = Logger.getLogger(ImageInspector.class);

    static {
        // No display on a server; AWT must never try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    private final ChatConfig.Attachments config;
    /** Bounds the memory and CPU that image work takes, however many uploads arrive at once. */
    private final Semaphore decoding = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public ImageInspector(ChatConfig config) {
        this.config = config.attachments();
    }

    /** What an image upload yields: its size in pixels and, when it could be decoded, a thumbnail. */
    public record Inspected(int width, int height, Optional<Thumbnail> thumbnail) {
    }

    public record Thumbnail(byte[] bytes, String contentType) {
    }

    /** Thrown when the header cannot be read, or declares more pixels than allowed. */
    public static final class RefusedImage extends Exception {

        private final boolean tooLarge;

        RefusedImage(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    public Inspected inspect(Path file, FileType type) throws RefusedImage, IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new IOException("no image input stream for " + file);
            }
            ImageReader reader = readerFor(type, input);
            try {
                reader.setInput(input, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException unreadable) {
                    throw new RefusedImage("the image header cannot be read", false);
                }
                if (width <= 0 || height <= 0) {
                    throw new RefusedImage("the image has no size", false);
                }
                if ((long) width * height > config.maxPixels()) {
                    throw new RefusedImage("the image declares " + width + "x" + height + " pixels, over the limit of "
                            + config.maxPixels(), true);
                }
                return new Inspected(width, height, thumbnail(reader, width, height, type));
            } finally {
                reader.dispose();
            }
        }
    }

    private Optional<Thumbnail> thumbnail(ImageReader reader, int width, int height, FileType type) {
        int longest = config.thumbnailSize();
        // Subsample while decoding so at most about twice the thumbnail's pixels are ever held.
        int step = Math.max(1, Math.max(width, height) / (2 * longest));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        decoding.acquireUninterruptibly();
        try {
            BufferedImage decoded = reader.read(0, param);
            BufferedImage scaled = scale(decoded, longest);
            boolean alpha = scaled.getColorModel().hasAlpha();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String format = alpha ? "png" : "jpeg";
            if (!ImageIO.write(scaled, format, out)) {
                return Optional.empty();
            }
            return Optional.of(new Thumbnail(out.toByteArray(), alpha ? "image/png" : "image/jpeg"));
        } catch (IOException | RuntimeException e) {
            // A header that reads but a body that does not: the file is kept, without a thumbnail.
            LOG.infof("no thumbnail for a %s upload: %s", type, e.getMessage());
            return Optional.empty();
        } finally {
            decoding.release();
        }
    }

    private static BufferedImage scale(BufferedImage source, int longest) {
        double factor = Math.min(1.0, (double) longest / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage target = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    /** The reader for the type the bytes showed; the JDK's for JPEG, PNG and GIF, TwelveMonkeys' for WebP. */
    private static ImageReader readerFor(FileType type, ImageInputStream input) throws IOException {
        if (type == FileType.WEBP) {
            return new WebPImageReaderSpi().createReaderInstance();
        }
        String format = switch (type) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case GIF -> "gif";
            default -> throw new IllegalArgumentException(type + " is not an image type");
        };
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + format);
        }
        return readers.next();
    }
}
