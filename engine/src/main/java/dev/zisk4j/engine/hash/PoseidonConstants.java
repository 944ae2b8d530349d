package dev.zisk4j.engine.hash;

/**
 * The published parameters of the zkEVM's Goldilocks Poseidon (Polygon Hermez): 30 rounds × 12 round constants
 * and the MDS matrix, as the zkEVM's own implementations define them (zkevm-commonjs {@code src/poseidon.js},
 * the C++ goldilocks library, zkevm-prover). These are facts about the hash, transcribed as data; the
 * known-answer tests in {@code PoseidonTest} pin them against the zkEVM's published test vectors.
 *
 * <p>The MDS matrix is M[i][j] = MDS_CIRC[(j − i) mod 12] + (i = j ? MDS_DIAG[i] : 0). Its entries are all below
 * 2^6, which is what lets {@link Poseidon#mds} accumulate twelve products without reducing.
 */
final class PoseidonConstants {
    /** First row of the circulant part of the MDS matrix. */
    static final long[] MDS_CIRC = {17, 15, 41, 16, 2, 28, 13, 13, 39, 18, 34, 20};
    /** Diagonal added to the circulant part (only entry 0 is non-zero). */
    static final long[] MDS_DIAG = {8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** Round constants, 12 per round: constant i of round r is at index 12·r + i. All are canonical. */
    static final long[] ROUND_CONSTANTS = {
        0xb585f766f2144405L, 0x7746a55f43921ad7L, 0xb2fb0d31cee799b4L, 0x0f6760a4803427d7L,
        0xe10d666650f4e012L, 0x8cae14cb07d09bf1L, 0xd438539c95f63e9fL, 0xef781c7ce35b4c3dL,
        0xcdc4a239b0c44426L, 0x277fa208bf337bffL, 0xe17653a29da578a1L, 0xc54302f225db2c76L,
        0x86287821f722c881L, 0x59cd1a8a41c18e55L, 0xc3b919ad495dc574L, 0xa484c4c5ef6a0781L,
        0x308bbd23dc5416ccL, 0x6e4a40c18f30c09cL, 0x9a2eedb70d8f8cfaL, 0xe360c6e0ae486f38L,
        0xd5c7718fbfc647fbL, 0xc35eae071903ff0bL, 0x849c2656969c4be7L, 0xc0572c8c08cbbbadL,
        0xe9fa634a21de0082L, 0xf56f6d48959a600dL, 0xf7d713e806391165L, 0x8297132b32825dafL,
        0xad6805e0e30b2c8aL, 0xac51d9f5fcf8535eL, 0x502ad7dc18c2ad87L, 0x57a1550c110b3041L,
        0x66bbd30e6ce0e583L, 0x0da2abef589d644eL, 0xf061274fdb150d61L, 0x28b8ec3ae9c29633L,
        0x92a756e67e2b9413L, 0x70e741ebfee96586L, 0x019d5ee2af82ec1cL, 0x6f6f2ed772466352L,
        0x7cf416cfe7e14ca1L, 0x61df517b86a46439L, 0x85dc499b11d77b75L, 0x4b959b48b9c10733L,
        0xe8be3e5da8043e57L, 0xf5c0bc1de6da8699L, 0x40b12cbf09ef74bfL, 0xa637093ecb2ad631L,
        0x3cc3f892184df408L, 0x2e479dc157bf31bbL, 0x6f49de07a6234346L, 0x213ce7bede378d7bL,
        0x5b0431345d4dea83L, 0xa2de45780344d6a1L, 0x7103aaf94a7bf308L, 0x5326fc0d97279301L,
        0xa9ceb74fec024747L, 0x27f8ec88bb21b1a3L, 0xfceb4fda1ded0893L, 0xfac6ff1346a41675L,
        0x7131aa45268d7d8cL, 0x9351036095630f9fL, 0xad535b24afc26bfbL, 0x4627f5c6993e44beL,
        0x645cf794b8f1cc58L, 0x241c70ed0af61617L, 0xacb8e076647905f1L, 0x3737e9db4c4f474dL,
        0xe7ea5e33e75fffb6L, 0x90dee49fc9bfc23aL, 0xd1b1edf76bc09c92L, 0x0b65481ba645c602L,
        0x99ad1aab0814283bL, 0x438a7c91d416ca4dL, 0xb60de3bcc5ea751cL, 0xc99cab6aef6f58bcL,
        0x69a5ed92a72ee4ffL, 0x5e7b329c1ed4ad71L, 0x5fc0ac0800144885L, 0x32db829239774ecaL,
        0x0ade699c5830f310L, 0x7cc5583b10415f21L, 0x85df9ed2e166d64fL, 0x6604df4fee32bcb1L,
        0xeb84f608da56ef48L, 0xda608834c40e603dL, 0x8f97fe408061f183L, 0xa93f485c96f37b89L,
        0x6704e8ee8f18d563L, 0xcee3e9ac1e072119L, 0x510d0e65e2b470c1L, 0xf6323f486b9038f0L,
        0x0b508cdeffa5ceefL, 0xf2417089e4fb3cbdL, 0x60e75c2890d15730L, 0xa6217d8bf660f29cL,
        0x7159cd30c3ac118eL, 0x839b4e8fafead540L, 0x0d3f3e5e82920adcL, 0x8f7d83bddee7bba8L,
        0x780f2243ea071d06L, 0xeb915845f3de1634L, 0xd19e120d26b6f386L, 0x016ee53a7e5fecc6L,
        0xcb5fd54e7933e477L, 0xacb8417879fd449fL, 0x9c22190be7f74732L, 0x5d693c1ba3ba3621L,
        0xdcef0797c2b69ec7L, 0x3d639263da827b13L, 0xe273fd971bc8d0e7L, 0x418f02702d227ed5L,
        0x8c25fda3b503038cL, 0x2cbaed4daec8c07cL, 0x5f58e6afcdd6ddc2L, 0x284650ac5e1b0ebaL,
        0x635b337ee819dab5L, 0x9f9a036ed4f2d49fL, 0xb93e260cae5c170eL, 0xb0a7eae879ddb76dL,
        0xd0762cbc8ca6570cL, 0x34c6efb812b04bf5L, 0x40bf0ab5fa14c112L, 0xb6b570fc7c5740d3L,
        0x5a27b9002de33454L, 0xb1a5b165b6d2b2d2L, 0x8722e0ace9d1be22L, 0x788ee3b37e5680fbL,
        0x14a726661551e284L, 0x98b7672f9ef3b419L, 0xbb93ae776bb30e3aL, 0x28fd3b046380f850L,
        0x30a4680593258387L, 0x337dc00c61bd9ce1L, 0xd5eca244c7a4ff1dL, 0x7762638264d279bdL,
        0xc1e434bedeefd767L, 0x0299351a53b8ec22L, 0xb2d456e4ad251b80L, 0x3e9ed1fda49cea0bL,
        0x2972a92ba450bed8L, 0x20216dd77be493deL, 0xadffe8cf28449ec6L, 0x1c4dbb1c4c27d243L,
        0x15a16a8a8322d458L, 0x388a128b7fd9a609L, 0x2300e5d6baedf0fbL, 0x2f63aa8647e15104L,
        0xf1c36ce86ecec269L, 0x27181125183970c9L, 0xe584029370dca96dL, 0x4d9bbc3e02f1cfb2L,
        0xea35bc29692af6f8L, 0x18e21b4beabb4137L, 0x1e3b9fc625b554f4L, 0x25d64362697828fdL,
        0x5a3f1bb1c53a9645L, 0xdb7f023869fb8d38L, 0xb462065911d4e1fcL, 0x49c24ae4437d8030L,
        0xd793862c112b0566L, 0xaadd1106730d8febL, 0xc43b6e0e97b0d568L, 0xe29024c18ee6fca2L,
        0x5e50c27535b88c66L, 0x10383f20a4ff9a87L, 0x38e8ee9d71a45af8L, 0xdd5118375bf1a9b9L,
        0x775005982d74d7f7L, 0x86ab99b4dde6c8b0L, 0xb1204f603f51c080L, 0xef61ac8470250ecfL,
        0x1bbcd90f132c603fL, 0x0cd1dabd964db557L, 0x11a3ae5beb9d1ec9L, 0xf755bfeea585d11dL,
        0xa3b83250268ea4d7L, 0x516306f4927c93afL, 0xddb4ac49c9efa1daL, 0x64bb6dec369d4418L,
        0xf9cc95c22b4c1fccL, 0x08d37f755f4ae9f6L, 0xeec49b613478675bL, 0xf143933aed25e0b0L,
        0xe4c5dd8255dfc622L, 0xe7ad7756f193198eL, 0x92c2318b87fff9cbL, 0x739c25f8fd73596dL,
        0x5636cac9f16dfed0L, 0xdd8f909a938e0172L, 0xc6401fe115063f5bL, 0x8ad97b33f1ac1455L,
        0x0c49366bb25e8513L, 0x0784d3d2f1698309L, 0x530fb67ea1809a81L, 0x410492299bb01f49L,
        0x139542347424b9acL, 0x9cb0bd5ea1a1115eL, 0x02e3f615c38f49a1L, 0x985d4f4a9c5291efL,
        0x775b9feafdcd26e7L, 0x304265a6384f0f2dL, 0x593664c39773012cL, 0x4f0a2e5fb028f2ceL,
        0xdd611f1000c17442L, 0xd8185f9adfea4fd0L, 0xef87139ca9a3ab1eL, 0x3ba71336c34ee133L,
        0x7d3a455d56b70238L, 0x660d32e130182684L, 0x297a863f48cd1f43L, 0x90e0a736a751ebb7L,
        0x549f80ce550c4fd3L, 0x0f73b2922f38bd64L, 0x16bf1f73fb7a9c3fL, 0x6d1f5a59005bec17L,
        0x02ff876fa5ef97c4L, 0xc5cb72a2a51159b0L, 0x8470f39d2d5c900eL, 0x25abb3f1d39fcb76L,
        0x23eb8cc9b372442fL, 0xd687ba55c64f6364L, 0xda8d9e90fd8ff158L, 0xe3cbdc7d2fe45ea7L,
        0xb9a8c9b3aee52297L, 0xc0d28a5c10960bd3L, 0x45d7ac9b68f71a34L, 0xeeb76e397069e804L,
        0x3d06c8bd1514e2d9L, 0x9c9c98207cb10767L, 0x65700b51aedfb5efL, 0x911f451539869408L,
        0x7ae6849fbc3a0ec6L, 0x3bb340eba06afe7eL, 0xb46e9d8b682ea65eL, 0x8dcf22f9a3b34356L,
        0x77bdaeda586257a7L, 0xf19e400a5104d20dL, 0xc368a348e46d950fL, 0x9ef1cd60e679f284L,
        0xe89cd854d5d01d33L, 0x5cd377dc8bb882a2L, 0xa7b0fb7883eee860L, 0x7684403ec392950dL,
        0x5fa3f06f4fed3b52L, 0x8df57ac11bc04831L, 0x2db01efa1e1e1897L, 0x54846de4aadb9ca2L,
        0xba6745385893c784L, 0x541d496344d2c75bL, 0xe909678474e687feL, 0xdfe89923f6c9c2ffL,
        0xece5a71e0cfedc75L, 0x5ff98fd5d51fe610L, 0x83e8941918964615L, 0x5922040b47f150c1L,
        0xf97d750e3dd94521L, 0x5080d4c2b86f56d7L, 0xa7de115b56c78d70L, 0x6a9242ac87538194L,
        0xf7856ef7f9173e44L, 0x2265fc92feb0dc09L, 0x17dfc8e4f7ba8a57L, 0x9001a64209f21db8L,
        0x90004c1371b893c5L, 0xb932b7cf752e5545L, 0xa0b1df81b6fe59fcL, 0x8ef1dd26770af2c2L,
        0x0541a4f9cfbeed35L, 0x9e61106178bfc530L, 0xb3767e80935d8af2L, 0x0098d5782065af06L,
        0x31d191cd5c1466c7L, 0x410fefafa319ac9dL, 0xbdf8f242e316c4abL, 0x9e8cd55b57637ed0L,
        0xde122bebe9a39368L, 0x4d001fd58f002526L, 0xca6637000eb4a9f8L, 0x2f2339d624f91f78L,
        0x6d1a7918c80df518L, 0xdf9a4939342308e9L, 0xebc2151ee6c8398cL, 0x03cc2ba8a1116515L,
        0xd341d037e840cf83L, 0x387cb5d25af4afccL, 0xbba2515f22909e87L, 0x7248fe7705f38e47L,
        0x4d61e56a525d225aL, 0x262e963c8da05d3dL, 0x59e89b094d220ec2L, 0x055d5b52b78b9c5eL,
        0x82b27eb33514ef99L, 0xd30094ca96b7ce7bL, 0xcf5cb381cd0a1535L, 0xfeed4db6919e5a7cL,
        0x41703f53753be59fL, 0x5eeea940fcde8b6fL, 0x4cd1f1b175100206L, 0x4a20358574454ec0L,
        0x1478d361dbbf9facL, 0x6f02dc07d141875cL, 0x296a202ed8e556a2L, 0x2afd67999bf32ee5L,
        0x7acfd96efa95491dL, 0x6798ba0c0abb2c6dL, 0x34c6f57b26c92122L, 0x5736e1bad206b5deL,
        0x20057d2a0056521bL, 0x3dea5bd5d0578bd7L, 0x16e50d897d4634acL, 0x29bff3ecb9b7a6e3L,
        0x475cd3205a3bdcdeL, 0x18a42105c31b7e88L, 0x023e7414af663068L, 0x15147108121967d7L,
        0xe4a3dff1d7d6fef9L, 0x01a8d1a588085737L, 0x11b4c74eda62beefL, 0xe587cc0d69a73346L,
        0x1ff7327017aa2a6eL, 0x594e29c42473d06bL, 0xf6f31db1899b12d5L, 0xc02ac5e47312d3caL,
        0xe70201e960cb78b8L, 0x6f90ff3b6a65f108L, 0x42747a7245e7fa84L, 0xd1f507e43ab749b2L,
        0x1c86d265f15750cdL, 0x3996ce73dd832c1cL, 0x8e7fba02983224bdL, 0xba0dec7103255dd4L,
        0x9e9cbd781628fc5bL, 0xdae8645996edd6a5L, 0xdebe0853b1a1d378L, 0xa49229d24d014343L,
        0x7be5b9ffda905e1cL, 0xa3c95eaec244aa30L, 0x0230bca8f4df0544L, 0x4135c2bebfe148c6L,
        0x166fc0cc438a3c72L, 0x3762b59a8ae83efaL, 0xe8928a4c89114750L, 0x2a440b51a4945ee5L,
        0x80cefd2b7d99ff83L, 0xbb9879c6e61fd62aL, 0x6e7c8f1a84265034L, 0x164bb2de1bbeddc8L,
        0xf3c12fe54d5c653bL, 0x40b9e922ed9771e2L, 0x551f5b0fbe7b1840L, 0x25032aa7c4cb1811L,
        0xaaed34074b164346L, 0x8ffd96bbf9c9c81dL, 0x70fc91eb5937085cL, 0x7f795e2a5f915440L,
        0x4543d9df5476d3cbL, 0xf172d73e004fc90dL, 0xdfd1c4febcc81238L, 0xbc8dfb627fe558fcL,
    };

    private PoseidonConstants() {}
}
