package dev.zisk4j.engine.air;

import java.util.List;

/**
 * A built AIR definition: column, challenge and public-value names (their order is their index), the
 * constraints in quotient order, and the compiled {@link ConstraintProgram} that the prover, the verifier
 * and {@link AirChecker} all evaluate. Immutable and thread-safe.
 */
public final class ConstraintSystem {
    private final int maxDegree;
    private final List<String> pre;
    private final List<String> main;
    private final List<String> aux;
    private final List<String> challenges;
    private final List<String> publicBase;
    private final List<String> publicExt;
    private final List<Constraint> constraints;
    private final ConstraintProgram program;
    private final byte[] digest;
    private static final String DIGEST_PREFIX = "JZKVM/air/v1";

    ConstraintSystem(int maxDegree, List<String> pre, List<String> main, List<String> aux, List<String> challenges,
            List<String> publicBase, List<String> publicExt, List<Constraint> constraints) {
        if (main.isEmpty()) {
            throw new IllegalArgumentException("an AIR needs at least one main column");
        }
        if (constraints.isEmpty()) {
            throw new IllegalArgumentException("an AIR needs at least one constraint");
        }
        this.maxDegree = maxDegree;
        this.pre = pre;
        this.main = main;
        this.aux = aux;
        this.challenges = challenges;
        this.publicBase = publicBase;
        this.publicExt = publicExt;
        this.constraints = constraints;
        this.program = ConstraintProgram.compile(constraints);
        this.digest = computeDigest();
    }

    private byte[] computeDigest() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            out.writeBytes(DIGEST_PREFIX);
            out.writeInt(maxDegree);
            for (int count : new int[] {pre.size(), main.size(), aux.size(), challenges.size(), publicBase.size(),
                    publicExt.size()}) {
                out.writeInt(count);
            }
            out.writeInt(constraints.size());
            for (Constraint c : constraints) {
                out.writeByte(c.domain().ordinal());
            }
            program.encodeTo(out);
            out.flush();
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a constraint system", e);
        }
    }

    /**
     * SHA-256 of the constraint system's structure: max degree, column/challenge/public counts, every
     * constraint's domain and its compiled expression (after common-subexpression elimination, so
     * equal systems hash equal). Names are labels and play no part. This, not {@link Air#name()}, is what
     * transcripts bind and what identifies an AIR in verdicts and policies.
     */
    public byte[] digest() {
        return digest.clone();
    }

    public int maxDegree() {
        return maxDegree;
    }

    /** Number of quotient chunks of N coefficients each: maxDegree − 1. */
    public int quotientChunks() {
        return maxDegree - 1;
    }

    public List<String> preColumns() {
        return pre;
    }

    public List<String> mainColumns() {
        return main;
    }

    /** Aux (extension) column names; each aux column is stored as two base arrays (c0, c1). */
    public List<String> auxColumns() {
        return aux;
    }

    public List<String> challengeNames() {
        return challenges;
    }

    public List<String> publicBaseNames() {
        return publicBase;
    }

    public List<String> publicExtNames() {
        return publicExt;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public int columnCount(ColumnKind kind) {
        return switch (kind) {
            case PRE -> pre.size();
            case MAIN -> main.size();
            case AUX -> aux.size();
        };
    }

    /**
     * Indices (increasing) of the columns of this kind that some constraint reads on the next row; only these
     * are opened at z·ω by the STARK.
     */
    public int[] nextColumns(ColumnKind kind) {
        java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
        for (int i = 0; i < program.size; i++) {
            if (program.op[i] == ConstraintProgram.VAR && program.next[i] && program.kind[i] == kind) {
                set.add((int) program.value[i]);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    ConstraintProgram program() {
        return program;
    }

    /** Number of distinct nodes after common-subexpression elimination (a cost indicator). */
    public int compiledNodeCount() {
        return program.size;
    }

    /**
     * Checks that challenges and public values match the declared counts.
     *
     * @throws IllegalArgumentException naming the mismatch
     */
    public void checkBindings(Challenges ch, PublicValues pub) {
        if (ch.size() != challenges.size()) {
            throw new IllegalArgumentException("challenge count mismatch: expected=" + challenges.size()
                    + ", actual=" + ch.size());
        }
        if (pub.baseCount() != publicBase.size() || pub.extCount(ch.field()) != publicExt.size()) {
            throw new IllegalArgumentException("public value count mismatch: expectedBase=" + publicBase.size()
                    + ", actualBase=" + pub.baseCount() + ", expectedExt=" + publicExt.size()
                    + ", actualExtFelts=" + pub.ext().length + ", degree=" + ch.field().degree());
        }
    }
}
