package dev.zisk4j.engine.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the zkEVM's own test vectors. Each source is named with its repository, path and the commit
 * the values were read at; older commits of the same files hold vectors of earlier tree designs (BN128 Poseidon,
 * arity 4, hashed leaf keys) that this tree deliberately does not reproduce.
 */
class SmtKnownAnswerTest {
    static final String A0 = "0x0000000000000000000000000000000000000000";
    static final String AF = "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    static final String A1 = "0x617b3a3528F9cDd6630fd3301B9c8911F7Bf063D";
    static final String A2 = "0x4d5Cf5032B2a844602278b01199ED191A86c93ff";
    static final String A3 = "0xEEF9f339514298C6A857EfCfC1A762aF84438dEE";
    final SmtKeys keys = new SmtKeys();

    /** github.com/0xPolygonHermez/zkevm-node test/vectors/src/merkle-tree/smt-key-eth-balance.json @ 438cb3fd. */
    @Test
    void balanceKeys() {
        assertKey(keys.balance(addr(A0)), "26833593870529421166492422877314944811724038685477806060577465163426988022737");
        assertKey(keys.balance(addr(AF)), "40127382331240911157907914324528741813743915534659976972051985426947551260673");
        assertKey(keys.balance(addr(A1)), "45511135140510043104127159862914553230179041101689561753801876001524381766893");
        assertKey(keys.balance(addr(A2)), "43741542307756197806968621038083986403476477276779293271513030919451674021857");
    }

    /** github.com/0xPolygonHermez/zkevm-node test/vectors/src/merkle-tree/smt-key-eth-nonce.json @ 1d2ca233. */
    @Test
    void nonceKeys() {
        assertKey(keys.nonce(addr(A0)), "28358077366816831193326378002625509892290580640052650926129802772493521696670");
        assertKey(keys.nonce(addr(AF)), "46601686036392058419641250406383581470536953255400137235565480209972996937304");
        assertKey(keys.nonce(addr(A1)), "98790850219450538256104290071020195215871038788594574188656606927809546484197");
        assertKey(keys.nonce(addr(A2)), "45555081975440947041848992181135418706314820385341877748019327868663035195938");
    }

    /**
     * github.com/0xPolygonHermez/zkevm-node test/vectors/src/merkle-tree/smt-key-contract-code.json @ 4cbcc6fd and
     * smt-key-contract-storage.json @ 1d2ca233.
     */
    @Test
    void contractKeys() {
        assertKey(keys.contractCode(addr(A0)), "72618736525103033809705966741823173469010530487114812728907809351129229387686");
        assertKey(keys.contractCode(addr(AF)), "100339618010685329502920959863456851722741867804653471565599858216996781583185");
        assertKey(keys.contractCode(addr(A3)), "37702541001567369137011480863022602456875150323680555331519352316148423991760");
        assertKey(keys.contractStorage(addr(A0), BigInteger.ZERO),
                "12534214928306848758475099215268104288950840610411881349004256209866079801855");
        assertKey(keys.contractStorage(addr(AF), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)),
                "33137250487625679402353497751179166536828572303855484396343252601253270796565");
        assertKey(keys.contractStorage(addr(A3), BigInteger.valueOf(7264)),
                "83856652265636757733606490452162031059172593606140564507822531867780274877175");
    }

    /**
     * Roots of trees built from raw (key, value) pairs, keys read as 256-bit integers (scalar2h4) and values as
     * 256-bit integers: github.com/0xPolygonHermez/zkevm-node test/vectors/src/merkle-tree/smt-raw.json @ a5704070.
     */
    @Test
    void rawRoots() {
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        String max1 = "115792089237316195423570985008687907853269984665640564039457584007913129639934";
        assertRaw("0000000000000000000000000000000000000000000000000000000000000000", List.of("0"), List.of("0"));
        assertRaw("42bb2f66296df03552203ae337815976ca9c1bf52cc1bdd59399ede8fea8a822", List.of("0"), List.of("1"));
        assertRaw("fe8e54ccf991c23ee0287172ef5dd21f7712b6f9ad22310650ae1c4b83527c96", List.of("1"),
                List.of("18446744073709551615"));
        assertRaw("33361e22e308403da886199cc3bdfe396fd331378472c119cfbd5b67e8176edc", List.of("1"),
                List.of("18446744073709551614"));
        assertRaw("2ba6b371e7f721f18e705f64747f51a506b7a684fd16fb37caa2347d7e2bb14a", List.of("1"),
                List.of("18446744073709551616"));
        assertRaw("a9c0b45fc8ae249981f0ecd85d305c5e7b20f2d3752b0b91a475c3e0a1cec759", List.of("1"),
                List.of("340282366920938463463374607431768211455"));
        assertRaw("64c78ae2095e9023a18058fa0a3681de90eb6b557881cdaecf1cf98b5aeaed11", List.of("1"),
                List.of("340282366920938463463374607431768211454"));
        assertRaw("bc0611f295ea1741bfd408f94256239e29f9a24923cf0a44cb17c978994b3dbe", List.of("1"),
                List.of("340282366920938463463374607431768211456"));
        assertRaw("35e00ac3f1bda4e5ae1919b3181debc3a19c9cd109823e56c677df8d36bf3338", List.of("1"),
                List.of("6277101735386680763835789423207666416102355444464034512895"));
        assertRaw("c56b249e35e9f3899dcbbe43295e93de38e2f7b11dec248a697dfcf4fbf4c3dd", List.of("1"),
                List.of("6277101735386680763835789423207666416102355444464034512896"));
        assertRaw("5b62cbf085ca46fa78746b2a91ca460151d98e4da0c770a170dcf6ed1f1986ea", List.of("1"),
                List.of("6277101735386680763835789423207666416102355444464034512894"));
        assertRaw("9cc0a048793c5ad151b83339e76e9cdc556efc2fbd3f6bea921f0087e3b31d6a", List.of("2"), List.of(max));
        assertRaw("796c63e633a10025e78d8e99a58e78470f078dbdf01afb3179bfcd73e5a7a43b", List.of("2"), List.of(max1));
        assertRaw("b26e0de762d186d2efc35d9ff4388def6c96ec15f942d83d779141386fe1d2e1", List.of("1"), List.of("1"));
        assertRaw("2a8bbd5bbf93f0daac12315d36ec50a9a8118be1ae8ea9ebec1f1cc984ae4526", List.of("2"),
                List.of("1293876327903274693576"));
        assertRaw("085130c4e67235dc830e48acdc6cee540cf204dd4fbfd43d579a838f58031b1f", List.of("0", "1", "2", "3"),
                List.of("1", "2", "3", "4"));
        assertRaw("b7da117ea50981e7fa14a411d3babfb9f2766e0089df2e5978dc9d36a2f681a7", List.of("2", "4", "6", "8"),
                List.of("9123864", "12948357", "93232784", "93287346"));
        assertRaw("5eb96ea83a6f62628dcf350e96214fae3d852fa15d9ee98742b07864be9a5730", List.of("17185", "16929"),
                List.of("1", "1"));
        assertRaw("a7db6a59f3df30492054fe2419cf1584e4100f915c75e957938477562c2f2cea", List.of("0", "4369", "69905"),
                List.of("1", "2", "3"));
        assertRaw("2e359e78489a4085f5059c918d90a0d8075b13d8ad20ab929d614ecc464423f4", List.of("17185", "16929"),
                List.of("9123864", "12948357"));
        assertRaw("43567b6b04f5d8d83d109002767462808e225a5c90f2a9afc9ed4672bd54676a",
                List.of("4294967296", "0", "4803839316197376", "35791394", "4599194146", "365091809505837056"),
                List.of("252", "253", "254", "255", "256", "257"));
        assertRaw("46a27b5cce9b87692dd7b97920b51bca15cad6f07e001225e8ecfa4d43602dbc",
                List.of("0", "91343852333181432387730302044767688728495783936", "1"),
                List.of("1", "91343852333181432387730302044767688728495783936", "1"));
    }

    /**
     * A real executor input: github.com/0xPolygonHermez/zkevm-commonjs
     * test/helpers/test-vectors/inputs-executor/input_executor.json @ 061f5d73. Its {@code db} holds the node
     * pre-images of oldStateRoot, the genesis of two accounts (100 and 200 ether, nonce 0); building that genesis
     * gives the same root, and the tree's own text form of it is exactly that {@code db}.
     */
    @Test
    void executorInputGenesisAndDb() throws Exception {
        Map<String, List<String>> db = new LinkedHashMap<>();
        db.put("0x4a9bfcb163ec91c5beb22e6aca41592433092c8c7821b01d37fd0de483f9265d", List.of("0000000000000000",
                "0000000000000000", "0000000000000000", "0000000000000000", "9ec300ed8bd3f934", "389b06b4dc13fc14",
                "72715e7972ca0eaa", "7782f27412c48d2c", "0000000000000000", "0000000000000000", "0000000000000000",
                "0000000000000000"));
        db.put("0x7782f27412c48d2c72715e7972ca0eaa389b06b4dc13fc149ec300ed8bd3f934", List.of("597bb4307b5e299f",
                "f5029596ddb82f37", "3daa688690ceee05", "06b719f2bf4cb5e9", "ebb05ed2082602b9", "c538204eb07f3d6c",
                "a5ed480ede7b8f0e", "52621f81fded9c35", "0000000000000000", "0000000000000000", "0000000000000000",
                "0000000000000000"));
        db.put("0x06b719f2bf4cb5e93daa688690ceee05f5029596ddb82f37597bb4307b5e299f", List.of("16dde42596b907f0",
                "49015d7e991a1528", "94dd9dadd060910b", "60b4d5e9af514018", "494f9491c8507dc3", "e92914c00b37a1cd",
                "f6b613135380bd5f", "b487e2e7e1d98168", "0000000000000001", "0000000000000000", "0000000000000000",
                "0000000000000000"));
        db.put("0xb487e2e7e1d98168f6b613135380bd5fe92914c00b37a1cd494f9491c8507dc3", List.of("00000000c6200000",
                "00000000d78ebc5a", "000000000000000a", "0000000000000000", "0000000000000000", "0000000000000000",
                "0000000000000000", "0000000000000000"));
        db.put("0x52621f81fded9c35a5ed480ede7b8f0ec538204eb07f3d6cebb05ed2082602b9", List.of("66ee2be0687eea76",
                "6926f8ca8796c78a", "4c2f3e938869b82d", "649e63bfe1247ba4", "35f28afeae0ff489", "b6d75a1b213c2f7c",
                "521f1ce7fca92f45", "2afffacb569cf689", "0000000000000001", "0000000000000000", "0000000000000000",
                "0000000000000000"));
        db.put("0x2afffacb569cf689521f1ce7fca92f45b6d75a1b213c2f7c35f28afeae0ff489", List.of("0000000063100000",
                "000000006bc75e2d", "0000000000000005", "0000000000000000", "0000000000000000", "0000000000000000",
                "0000000000000000", "0000000000000000"));
        Hash4 oldStateRoot = Hash4.parseHex("0x4a9bfcb163ec91c5beb22e6aca41592433092c8c7821b01d37fd0de483f9265d");

        MemoryNodeStore decoded = NodeText.decodeArrays(db);
        SparseMerkleTree fromDb = new SparseMerkleTree(decoded);
        BigInteger hundred = new BigInteger("100000000000000000000");
        BigInteger twoHundred = new BigInteger("200000000000000000000");
        assertThat(fromDb.get(oldStateRoot, keys.balance(addr(A1)))).isEqualTo(hundred);
        assertThat(fromDb.get(oldStateRoot, keys.balance(addr(A2)))).isEqualTo(twoHundred);
        assertThat(fromDb.get(oldStateRoot, keys.nonce(addr(A1)))).isZero();

        MemoryNodeStore store = new MemoryNodeStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        Hash4 root = Hash4.ZERO;
        root = tree.set(root, keys.balance(addr(A1)), hundred);
        root = tree.set(root, keys.nonce(addr(A1)), BigInteger.ZERO);
        root = tree.set(root, keys.balance(addr(A2)), twoHundred);
        root = tree.set(root, keys.nonce(addr(A2)), BigInteger.ZERO);
        assertThat(root).isEqualTo(oldStateRoot);

        Map<String, String> expected = new LinkedHashMap<>();
        db.forEach((k, v) -> expected.put(k.substring(2), String.join("", v)));
        assertThat(NodeText.encodeReachable(root, store)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private void assertRaw(String expectedRootHex, List<String> rawKeys, List<String> values) {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
        Hash4 root = Hash4.ZERO;
        for (int i = 0; i < rawKeys.size(); i++) {
            root = tree.set(root, Hash4.fromBigInteger(new BigInteger(rawKeys.get(i))), new BigInteger(values.get(i)));
        }
        assertThat(root.toHex()).as("root of %s = %s", rawKeys, values).isEqualTo(expectedRootHex);
    }

    private static void assertKey(Hash4 key, String expectedDecimal) {
        assertThat(key.toBigInteger()).isEqualTo(new BigInteger(expectedDecimal));
    }

    private static BigInteger addr(String text) {
        return SmtKeys.parseAddress(text);
    }
}
