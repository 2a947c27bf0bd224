package io.chatsuite.auth.mapping;

import io.chatsuite.auth.api.UserView;
import io.chatsuite.auth.model.UserAccount;

public final class UserMapper {

    private UserMapper() {
    }

    public static UserView toView(UserAccount user) {
        return new UserView(user.id, user.username, user.displayName, user.avatarId);
    }
}
