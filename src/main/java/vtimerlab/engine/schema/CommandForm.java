package vtimerlab.engine.schema;

import java.util.List;

/**
 * One form of a command of the scenario language: its syntax as people read it, its tokens (what each word may be,
 * for completion and examples), which part of a scenario it belongs to and what it does.
 *
 * @param syntax the form as the reference and the parser's messages write it, e.g. {@code host migrate vcpuI pcpuJ}
 * @param tokens the words in order
 * @param part   where it may appear
 * @param doc    what it does, in a sentence
 */
public record CommandForm(String syntax, List<Token> tokens, Part part, String doc) {

    /** Where in a scenario a command may appear. */
    public enum Part {
        /** Before the first other command: machine, fault, guest. */
        SETUP,
        /** Time: advance, step. */
        TIME,
        /** A guest action on one vCPU. */
        GUEST,
        /** A host action. */
        HOST,
        /** A check. */
        CHECK
    }

    /** What one word of a command may be. */
    public record Token(Kind kind, List<String> words, String label) {
        public Token {
            words = List.copyOf(words);
        }

        /** The kinds of word. */
        public enum Kind {
            /** One of {@code words}, literally (case-insensitive). */
            KEYWORD,
            /** {@code vcpu0}, {@code vcpu1}, ... of the machine. */
            VCPU,
            /** {@code pcpu0}, ... of the machine. */
            PCPU,
            /** A number (decimal or 0x hex). */
            NUMBER,
            /** An INTID; {@code words} are the ones worth offering. */
            INTID,
            /** {@code NAME=VALUE} settings, each of {@code words} at most once, in any order. */
            SETTINGS,
            /** A state path. */
            PATH,
            /** A comparison operator. */
            OP,
            /** The value a check expects: a number or one of the names its path holds. */
            EXPECTED,
            /** Optional: the rest of the form may be left out. */
            OPTIONAL_NUMBER
        }

        public static Token keyword(String... words) {
            return new Token(Kind.KEYWORD, List.of(words), String.join("|", words));
        }

        public static Token vcpu() {
            return new Token(Kind.VCPU, List.of(), "vcpuI");
        }

        public static Token pcpu() {
            return new Token(Kind.PCPU, List.of(), "pcpuJ");
        }

        public static Token number(String label) {
            return new Token(Kind.NUMBER, List.of(), label);
        }

        public static Token optionalNumber(String label) {
            return new Token(Kind.OPTIONAL_NUMBER, List.of(), "[" + label + "]");
        }

        public static Token intid(String... offered) {
            return new Token(Kind.INTID, List.of(offered), "INTID");
        }

        public static Token settings(String label, String... settings) {
            return new Token(Kind.SETTINGS, List.of(settings), label);
        }

        public static Token path() {
            return new Token(Kind.PATH, List.of(), "PATH");
        }

        public static Token op() {
            return new Token(Kind.OP, List.of("==", "!=", "<", "<=", ">", ">="), "OP");
        }

        public static Token expected() {
            return new Token(Kind.EXPECTED, List.of(), "VALUE");
        }
    }

    /** The first word of the form when it is a keyword ({@code advance}), or {@code vcpuI} for guest actions. */
    public String head() {
        Token t = tokens.get(0);
        return t.kind() == Token.Kind.KEYWORD ? t.words().get(0) : t.label();
    }

    /** The second word when the form is a keyword group's verb ({@code host preempt}, {@code vcpuI write}). */
    public String verb() {
        return tokens.size() > 1 && tokens.get(1).kind() == Token.Kind.KEYWORD ? tokens.get(1).words().get(0) : null;
    }
}
