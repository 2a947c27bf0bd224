package io.chatsuite.auth.service;

import io.chatsuite.auth.model.LoginSession;

/** Where a request comes from, as a session records it: the client's address and the User-Agent it sent. */
public record ClientDevice(String address, String userAgent) {

    public ClientDevice {
        address = cut(address, LoginSession.ADDRESS_LENGTH);
        userAgent = userAgent == null || userAgent.isBlank()
                ? null : cut(userAgent.strip(), LoginSession.USER_AGENT_LENGTH);
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
