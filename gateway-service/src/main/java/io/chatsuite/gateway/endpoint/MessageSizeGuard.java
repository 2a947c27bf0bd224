package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.config.GatewayConfig;
import io.chatsuite.gateway.session.CloseCodes;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Closes a socket that sends a frame or message over {@code gateway.limits.close-bytes} with 1009 (message too big),
 * as the protocol promises. Vert.x enforces the same limits, but drops the TCP connection on a frame that is too big
 * (clients see 1006) and answers a message that is too big with 1011; so a small Netty handler sits just before
 * Vert.x's own on each upgrading connection, sees the frames (and the decoder's refusal) first, and closes properly.
 */
@ApplicationScoped
public class MessageSizeGuard {

    /** Vert.x's handler of every connection (HttpServerWorker); ours goes right before it. */
    private static final String VERTX_HANDLER = "handler";
    private static final String NAME = "chat-message-size-guard";
    private static final Logger LOG = Logger.getLogger(MessageSizeGuard.class);

    private final int limit;

    public MessageSizeGuard(GatewayConfig config) {
        this.limit = config.limits().closeBytes();
    }

    void route(@Observes Router router) {
        router.route("/ws").order(-200).handler(this::install);
    }

    /** Vert.x offers no other way to the channel than its connection implementation; without it, nothing changes. */
    private void install(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection) {
            ChannelPipeline pipeline = connection.channelHandlerContext().pipeline();
            if (pipeline.get(NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, NAME, new Handler(limit));
            }
        }
        ctx.next();
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {

        private final int limit;
        private long messageBytes;
        private boolean closing;

        Handler(int limit) {
            this.limit = limit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof WebSocketFrame frame && isData(frame)) {
                messageBytes = frame instanceof ContinuationWebSocketFrame
                        ? messageBytes + frame.content().readableBytes() : frame.content().readableBytes();
                if (messageBytes > limit) {
                    ReferenceCountUtil.release(msg);
                    closeTooBig(ctx, "message over " + limit + " bytes");
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException corrupted
                    && corrupted.closeStatus() != null
                    && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                closeTooBig(ctx, "frame over " + limit + " bytes");
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        private void closeTooBig(ChannelHandlerContext ctx, String reason) {
            if (closing) {
                return;
            }
            closing = true;
            LOG.debugf("closing a socket that sent a %s", reason);
            ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.MESSAGE_TOO_BIG, reason))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        private static boolean isData(WebSocketFrame frame) {
            return frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
                    || frame instanceof ContinuationWebSocketFrame;
        }
    }
}
