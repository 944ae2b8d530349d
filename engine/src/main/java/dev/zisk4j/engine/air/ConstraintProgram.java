package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The constraint set flattened into a typed straight-line program: one node per distinct subexpression
 * (structural hashing gives common-subexpression elimination), in topological order. Nodes that depend
 * on no trace cell are "uniform": they are computed once per (challenges, publics) binding.
 */
final class ConstraintProgram {
    static final byte CONST = 0, VAR = 1, CHALLENGE = 2, PUBLIC_BASE = 3, PUBLIC_EXT = 4, ADD = 5, SUB = 6, MUL = 7,
            NEG = 8;

    final int size;
    final byte[] op;
    final int[] a;
    final int[] b;
    /** CONST value, or VAR/CHALLENGE/PUBLIC index. */
    final long[] value;
    final ColumnKind[] kind;
    final boolean[] next;
    final boolean[] ext;
    final boolean[] uniform;
    /** Node of each constraint, in constraint order. */
    final int[] roots;

    private ConstraintProgram(List<Node> nodes, int[] roots) {
        size = nodes.size();
        op = new byte[size];
        a = new int[size];
        b = new int[size];
        value = new long[size];
        kind = new ColumnKind[size];
        next = new boolean[size];
        ext = new boolean[size];
        uniform = new boolean[size];
        for (int i = 0; i < size; i++) {
            Node n = nodes.get(i);
            op[i] = n.op;
            a[i] = n.a;
            b[i] = n.b;
            value[i] = n.value;
            kind[i] = n.kind;
            next[i] = n.next;
            ext[i] = n.ext;
            uniform[i] = n.op != VAR && (n.a < 0 || uniform[n.a]) && (n.b < 0 || uniform[n.b]);
        }
        this.roots = roots;
    }

    private record Node(byte op, int a, int b, long value, ColumnKind kind, boolean next, boolean ext) {}

    static ConstraintProgram compile(List<Constraint> constraints) {
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> interned = new HashMap<>();
        Map<Expr, Integer> seen = new IdentityHashMap<>();
        int[] roots = new int[constraints.size()];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = intern(constraints.get(i).expr(), nodes, interned, seen);
        }
        return new ConstraintProgram(nodes, roots);
    }

    private static int intern(Expr e, List<Node> nodes, Map<Node, Integer> interned, Map<Expr, Integer> seen) {
        Integer known = seen.get(e);
        if (known != null) {
            return known;
        }
        int ia = e.a == null ? -1 : intern(e.a, nodes, interned, seen);
        int ib = e.b == null ? -1 : intern(e.b, nodes, interned, seen);
        byte code = switch (e.op) {
            case CONST -> CONST;
            case VAR -> VAR;
            case CHALLENGE -> CHALLENGE;
            case PUBLIC_BASE -> PUBLIC_BASE;
            case PUBLIC_EXT -> PUBLIC_EXT;
            case ADD -> ADD;
            case SUB -> SUB;
            case MUL -> MUL;
            case NEG -> NEG;
        };
        if ((code == ADD || code == MUL) && ia > ib) {
            int t = ia;
            ia = ib;
            ib = t;
        }
        Node n = new Node(code, ia, ib, e.value, e.kind, e.next, e.isExt());
        Integer id = interned.get(n);
        if (id == null) {
            id = nodes.size();
            nodes.add(n);
            interned.put(n, id);
        }
        seen.put(e, id);
        return id;
    }

    /** Values of every uniform node (null for row-dependent nodes), for one binding. */
    Ext[] uniformValues(Challenges ch, PublicValues pub) {
        ExtField f = ch.field();
        Ext[] v = new Ext[size];
        for (int i = 0; i < size; i++) {
            if (!uniform[i]) {
                continue;
            }
            v[i] = switch (op[i]) {
                case CONST -> f.of(value[i]);
                case CHALLENGE -> ch.get((int) value[i]);
                case PUBLIC_BASE -> f.of(pub.base((int) value[i]));
                case PUBLIC_EXT -> pub.ext((int) value[i], f);
                default -> combine(op[i], v[a[i]], b[i] < 0 ? null : v[b[i]]);
            };
        }
        return v;
    }

    /**
     * The canonical bytes of this program, what {@link ConstraintSystem#digest()} hashes: per node (in
     * topological order) op, operand indices, value, column kind, next-row flag and ext flag, then each
     * constraint's root node. Names play no part.
     */
    void encodeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeByte(op[i]);
            out.writeInt(a[i]);
            out.writeInt(b[i]);
            out.writeLong(value[i]);
            out.writeByte(kind[i] == null ? 0xFF : kind[i].ordinal());
            out.writeBoolean(next[i]);
            out.writeBoolean(ext[i]);
        }
        out.writeInt(roots.length);
        for (int r : roots) {
            out.writeInt(r);
        }
    }

    static Ext combine(byte code, Ext x, Ext y) {
        return switch (code) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case NEG -> x.neg();
            default -> throw new IllegalStateException("not an operator: op=" + code);
        };
    }
}
