package org.cscstats.local.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The LAs a run uses: real DfE codes, and deterministic sizes around the configured mean. */
public final class LocalAuthorities {
    private LocalAuthorities() {
    }

    /** England's 153 LAs with children's services (April 2023 boundaries), Coventry and Leicester first, then by code. */
    public static final List<String> CODES = List.of(
            "331", "856",
            "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213",
            "301", "302", "303", "304", "305", "306", "307", "308", "309", "310", "311", "312", "313", "314",
            "315", "316", "317", "318", "319", "320",
            "330", "332", "333", "334", "335", "336",
            "340", "341", "342", "343", "344", "350", "351", "352", "353", "354", "355", "356", "357", "358", "359",
            "370", "371", "372", "373", "380", "381", "382", "383", "384", "390", "391", "392", "393", "394",
            "420",
            "800", "801", "802", "803", "805", "806", "807", "808", "810", "811", "812", "813", "815", "816",
            "821", "822", "823", "825", "826", "830", "831", "838", "839", "840", "841", "845", "846", "850",
            "851", "852", "855", "857", "860", "861", "865", "866", "867", "868", "869", "870", "871", "872",
            "873", "874", "876", "877", "878", "879", "880", "881", "882", "883", "884", "885", "886", "887",
            "888", "889", "890", "891", "892", "893", "894", "895", "896", "908", "916", "919", "921", "925",
            "926", "929", "931", "933", "935", "936", "937", "938", "940", "941", "942", "943");

    /** Coventry's own size: about 5,000 referrals a year (FOI633495667) against the national mean of 4,300. */
    static final double COVENTRY_WEIGHT = 5000.0 / GeneratorConfig.NATIONAL_MEAN_REFERRALS;

    /** Known outliers: the City of London and the Isles of Scilly have a few dozen referrals a year. */
    private static final Map<String, Double> FIXED_WEIGHTS = Map.of("331", COVENTRY_WEIGHT, "201", 0.01, "420", 0.003);

    /** Spread of LA sizes (log scale): most LAs lie within a factor ~1.8 of the mean, as county/city sizes do. */
    private static final double SIZE_SIGMA = 0.6;

    /** Year-to-year wobble of an LA's referrals (Coventry: 4,988, 4,914, 4,510). */
    private static final double YEAR_WOBBLE = 0.04;

    /** Children per worker the pool is sized for; random allocation then spreads caseloads ~10–28. */
    static final double TARGET_CASELOAD = 17;

    /** Mean days a referral episode stays open under {@link EpisodeSimulator}'s courses (measured). */
    static final double MEAN_OPEN_DAYS = 110;

    private static final List<String> SYSTEMS = List.of("Mosaic", "LCS", "Eclipse", "CareFirst", "Azeus");

    private static final Map<String, Double> WEIGHTS = weights();

    /** Size weights depend on the LA code only, so an LA is the same size whatever the seed. */
    private static Map<String, Double> weights() {
        Map<String, Double> raw = CODES.stream().collect(Collectors.toMap(c -> c, c -> {
            SplittableRandom r = new SplittableRandom(Seeds.mix(0x5eed_1a_c0deL, Long.parseLong(c)));
            // StrictMath: the same bits on every JVM, so a seed means the same output everywhere
            double z = StrictMath.sqrt(-2 * StrictMath.log(1 - r.nextDouble()))
                    * StrictMath.cos(2 * StrictMath.PI * r.nextDouble());
            return StrictMath.exp(SIZE_SIGMA * z - SIZE_SIGMA * SIZE_SIGMA / 2);
        }));
        double fixedSum = CODES.stream().filter(FIXED_WEIGHTS::containsKey).mapToDouble(FIXED_WEIGHTS::get).sum();
        double freeSum = CODES.stream().filter(c -> !FIXED_WEIGHTS.containsKey(c)).mapToDouble(raw::get).sum();
        double scale = (CODES.size() - fixedSum) / freeSum; // so the national mean weight is exactly 1
        return CODES.stream().collect(Collectors.toUnmodifiableMap(c -> c,
                c -> FIXED_WEIGHTS.getOrDefault(c, raw.get(c) * scale)));
    }

    /** The LA's size relative to the national mean. */
    public static double weight(String code) {
        Double w = WEIGHTS.get(code);
        if (w == null) {
            throw new IllegalArgumentException("unknown LA code " + code);
        }
        return w;
    }

    /** The profiles of the config's LAs, in delivery order. */
    public static List<LaProfile> profiles(GeneratorConfig config) {
        List<LaProfile> out = new ArrayList<>(config.las());
        for (String code : CODES.subList(0, config.las())) {
            out.add(profile(config, code));
        }
        return out;
    }

    static LaProfile profile(GeneratorConfig config, String code) {
        long laSeed = Seeds.mix(config.seed(), Long.parseLong(code));
        double base = config.referralsPerLaPerYear() * weight(code);
        List<Double> perYear = IntStream.rangeClosed(config.fromYear(), config.toYear()).mapToObj(y -> {
            double u = new SplittableRandom(Seeds.mix(laSeed, y)).nextDouble();
            return base * (1 + YEAR_WOBBLE * (2 * u - 1));
        }).toList();
        double mean = perYear.stream().mapToDouble(Double::doubleValue).average().orElse(base);
        int workers = (int) Math.max(2, Math.round(mean * MEAN_OPEN_DAYS / 365.25 / TARGET_CASELOAD));
        List<String> ids = IntStream.rangeClosed(1, workers).mapToObj(i -> String.format("SW%04d", i)).toList();
        String source = SYSTEMS.get((int) Math.floorMod(Seeds.mix(Long.parseLong(code)), SYSTEMS.size()));
        return new LaProfile(code, source, perYear, ids);
    }
}
