package io.chatsuite.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** chat-service settings, validated at start. */
@ConfigMapping(prefix = "chat")
public interface ChatConfig {

    Limits limits();

    interface Limits {

        /** The longest message body, in characters. */
        @WithDefault("4000")
        @Min(1)
        @Max(65536)
        int bodyLength();

        /** The most members a group room may have. */
        @WithDefault("5000")
        @Min(2)
        int roomMembers();
    }
}
