package io.chatsuite.auth.service;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies tokens sent to auth-service's own endpoints with smallrye-jwt's parser (issuer, audience, RS256 only, as
 * configured under {@code mp.jwt.verify}), taking keys from {@link SigningKeys} in memory instead of fetching this
 * service's own JWKS over HTTP.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class OwnTokenVerification extends JWTCallerPrincipalFactory {

    private final DefaultJWTTokenParser parser;

    public OwnTokenVerification(SigningKeys keys) {
        VerificationKeyResolver resolver = (jws, nesting) -> keys.find(jws.getKeyIdHeaderValue())
                .orElseThrow(() -> new UnresolvableKeyException("no published key " + jws.getKeyIdHeaderValue()))
                .publicKey();
        this.parser = new DefaultJWTTokenParser() {
            @Override
            protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo info) {
                return resolver;
            }
        };
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
        JwtContext context = parser.parse(token, info);
        return new DefaultJWTCallerPrincipal(context.getJoseObjects().get(0).getHeader("typ"), context.getJwtClaims());
    }
}
