package io.chatsuite.contracts.protocol;

import io.chatsuite.contracts.notification.DoNotDisturb;

/** My do-not-disturb changed (on this device or another of mine); sent to my sockets only, by history-service. */
public record DoNotDisturbFrame(DoNotDisturb doNotDisturb) implements ServerFrame {
}
