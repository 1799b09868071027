package vtimerlab.engine.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that a snapshot's copy constructor deliberately does not copy: the copy shares it (immutable, or an
 * append-only log the machine shows up to the right point), gets its own (the copied simulation, hardware or KVM
 * passed to the constructor, a listener the machine wires again, a piece rebuilt around the copy), or never reads
 * it before writing it (scratch). Every other field of a class with a copy constructor must be copied, deep; the
 * snapshot test fills every field and checks that.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NotCopiedBySnapshot {
    /** Why it is not copied. */
    String value();
}
