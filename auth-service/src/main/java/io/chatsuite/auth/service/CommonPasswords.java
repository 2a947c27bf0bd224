package io.chatsuite.auth.service;

import io.chatsuite.problem.ProblemException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The passwords too common to accept, from the list shipped with the service (see the resource's header). */
@Startup
@ApplicationScoped
public class CommonPasswords {

    static final String RESOURCE = "/common-passwords.txt";

    private final Set<String> passwords;

    public CommonPasswords() {
        this.passwords = load();
    }

    /** Whether the password is on the list, ignoring case (the list is lower case). */
    public boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    /** Refuses, naming the field, a new password that is on the list (the rest of the rule is {@code PasswordRule}). */
    public void refuse(String field, String password) {
        if (contains(password)) {
            throw ProblemException.invalidField(field, "is one of the most common passwords; choose another");
        }
    }

    public int size() {
        return passwords.size();
    }

    private static Set<String> load() {
        Set<String> entries = new HashSet<>();
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(entries);
    }
}
