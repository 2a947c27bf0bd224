package io.chatsuite.problem;

import io.chatsuite.contracts.text.StorableText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string field or parameter holds only text the stores can hold unchanged ({@link StorableText}); a refusal is a
 * 400 problem naming the field, like every other constraint. Null is valid (pair with {@code @NotNull} if needed).
 */
@Documented
@Constraint(validatedBy = Storable.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Storable {

    /** Single-line text (the default) or a message body. */
    StorableText.Kind value() default StorableText.Kind.LINE;

    String message() default "must not contain U+0000, unpaired surrogates or control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Applies the contracts' rule and reports its own reason (which character was refused). */
    class Validator implements ConstraintValidator<Storable, String> {

        private StorableText.Kind kind;

        @Override
        public void initialize(Storable annotation) {
            kind = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return StorableText.refusal(value, kind).map(reason -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(reason.replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
