/*
 * Flink peer of the moneyflow benchmark: the same day totals as moneyflow, as a Flink DataStream job in BATCH mode
 * on a local MiniCluster.
 *
 *     bench/peers/flink/run-flink.sh DIR OUT.csv        (builds nothing: run mvn package in bench/peers/flink first)
 *
 * Reads DIR/trades.csv as text lines (FileSource + TextLineInputFormat; orders.csv changes no number here and is not
 * read), parses each fill into one record per order it touches (its buy order and its sell order), sums them per
 * order with a keyed reduce (symbol, date, side, order number), turns each order into its classes' contributions,
 * sums those per (symbol, date) with a second keyed reduce, writes the rows with a FileSink into a scratch folder,
 * and the client sorts those few thousand rows into OUT.csv: symbol,date,class,activeIn,activeOut,sideIn,sideOut, amounts as integers in 1/10000 yuan, a row per
 * (symbol, date, class) with a non-zero amount, sorted by symbol, date, class XL, L, M, S.
 *
 * Rules as moneyflow's defaults: direction = flag B/S/N if present, else N in a call auction (before 09:30:00.000 or
 * at/after 14:57:00.000), else BuyNo > SellNo B, < S, equal N; ExecType 4 is skipped; an order's active class comes
 * from its aggressive fills, its order-side class from all its fills (eastmoney thresholds). long money throughout.
 *
 * Prints to stderr: the wall time of execute (MiniCluster start, job, its end) and of the whole run.
 * Options (system properties): -Dflow.parallelism=N (default: cores), -Dflow.managed=SIZE (managed memory, default
 * 2g: the batch sorts spill beyond it), -Dflow.objectReuse=false (object reuse is on by default).
 */
package moneyflow.peers;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.util.Collector;

public final class FlinkFlow
{
    static final String[] CLASSES = {"XL", "L", "M", "S"};
    static final long[] MIN_SHARES = {500_000L, 100_000L, 20_000L};
    static final long[] MIN_AMOUNT = {10_000_000_000L, 2_000_000_000L, 400_000_000L}; // 1/10000 yuan
    static final int AUCTION_END = 93_000_000;          // 09:30:00.000 as HHmmssSSS
    static final int CLOSE_AUCTION_START = 145_700_000; // 14:57:00.000
    static final String[] COLUMN_NAMES =
        {"Symbol", "Date", "Time", "Price", "Qty", "BuyNo", "SellNo", "Flag", "ExecType"};

    private FlinkFlow()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 2)
        {
            System.err.println("usage: FlinkFlow DIR OUT.csv");
            System.exit(2);
        }
        final long started = System.nanoTime();
        final java.nio.file.Path trades = java.nio.file.Path.of(args[0], "trades.csv");
        final int[] columns = columnIndexes(trades);

        final Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(System.getProperty("flow.managed", "2g")));
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        final int parallelism = Integer.getInteger("flow.parallelism", Runtime.getRuntime().availableProcessors());
        env.setParallelism(parallelism);
        if (Boolean.parseBoolean(System.getProperty("flow.objectReuse", "true")))
        {
            // the usual Flink tuning for a pipeline whose functions keep no reference to their inputs
            env.getConfig().enableObjectReuse();
        }

        final FileSource<String> source = FileSource
            .forRecordStreamFormat(new TextLineInputFormat(), new Path(trades.toAbsolutePath().toUri()))
            .build();
        final DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "trades.csv");

        final DataStream<OrderSums> orders = lines
            .flatMap(new ParseFill(columns))
            .name("parse fills")
            .keyBy(new OrderKey())
            .reduce(new AddOrderSums())
            .name("sum per order");

        final DataStream<ClassSums> perSymbolDay = orders
            .map(new Classify())
            .name("classify orders")
            .keyBy(new SymbolDayKey())
            .reduce(new AddClassSums())
            .name("sum per symbol and day");

        // rows of OUT.csv (without its header) into a FileSink in a scratch folder; the client sorts them
        final java.nio.file.Path scratch = Files.createTempDirectory("flink-flow-");
        final FileSink<String> sink = FileSink
            .forRowFormat(new Path(scratch.toUri()), new SimpleStringEncoder<String>("UTF-8"))
            .withBucketAssigner(new BasePathBucketAssigner<>())
            .build();
        perSymbolDay
            .flatMap(new ToRows())
            .name("rows")
            .sinkTo(sink)
            .name("part files");

        final long jobStarted = System.nanoTime();
        env.execute("moneyflow peer: flink flow");
        final long jobEnded = System.nanoTime();
        final int symbolDays = write(scratch, java.nio.file.Path.of(args[1]));
        deleteTree(scratch);
        System.err.printf("flink: parallelism %d, execute %.3f s, whole run %.3f s, %d symbol-days%n",
            parallelism, (jobEnded - jobStarted) / 1e9, (System.nanoTime() - started) / 1e9, symbolDays);
    }

    /** Column index of each of COLUMN_NAMES in the header of trades.csv. */
    private static int[] columnIndexes(final java.nio.file.Path trades) throws IOException
    {
        final String header;
        try (BufferedReader reader = Files.newBufferedReader(trades, StandardCharsets.UTF_8))
        {
            header = reader.readLine();
        }
        if (header == null)
        {
            throw new IOException("empty file " + trades);
        }
        final List<String> names = Arrays.asList(header.trim().split(","));
        final int[] indexes = new int[COLUMN_NAMES.length];
        for (int c = 0; c < COLUMN_NAMES.length; c++)
        {
            indexes[c] = names.indexOf(COLUMN_NAMES[c]);
            if (indexes[c] < 0)
            {
                throw new IOException("trades.csv header lacks column " + COLUMN_NAMES[c]);
            }
        }
        return indexes;
    }

    /** Sorts the rows in the finished part files under scratch into out; returns the number of symbol-days. */
    private static int write(final java.nio.file.Path scratch, final java.nio.file.Path out) throws IOException
    {
        final List<String[]> rows = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(scratch))
        {
            for (final java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator)
            {
                if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith("."))
                {
                    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
                    {
                        if (!line.isEmpty())
                        {
                            rows.add(line.split(",", 4));
                        }
                    }
                }
            }
        }
        final List<String> classes = Arrays.asList(CLASSES);
        rows.sort(Comparator.comparing((String[] r) -> r[0])
            .thenComparingInt(r -> Integer.parseInt(r[1]))
            .thenComparingInt(r -> classes.indexOf(r[2])));
        final Set<String> symbolDays = new HashSet<>();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8))
        {
            w.write("symbol,date,class,activeIn,activeOut,sideIn,sideOut\n");
            for (final String[] r : rows)
            {
                w.write(String.join(",", r) + "\n");
                symbolDays.add(r[0] + "," + r[1]);
            }
        }
        return symbolDays.size();
    }

    private static void deleteTree(final java.nio.file.Path root) throws IOException
    {
        try (Stream<java.nio.file.Path> files = Files.walk(root))
        {
            final List<java.nio.file.Path> all = files.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (final java.nio.file.Path file : all)
            {
                Files.delete(file);
            }
        }
    }

    static int sizeClass(final long shares, final long amount)
    {
        for (int c = 0; c < MIN_SHARES.length; c++)
        {
            if (shares >= MIN_SHARES[c] || amount >= MIN_AMOUNT[c])
            {
                return c;
            }
        }
        return 3;
    }

    /** One order's day sums so far (a POJO: Flink serialises it field by field). */
    public static final class OrderSums
    {
        public String symbol;
        public int date;
        public boolean sell;
        public long orderNo;
        public long shares;
        public long amount;
        public long aggressiveShares;
        public long aggressiveAmount;

        public OrderSums()
        {
        }
    }

    /** One symbol-day's sums: 16 longs, [class * 4 + column], columns activeIn, activeOut, sideIn, sideOut. */
    public static final class ClassSums
    {
        public String symbol;
        public int date;
        public long[] sums;

        public ClassSums()
        {
        }
    }

    /** A line of trades.csv -> two OrderSums (its buy order, its sell order); the header and cancels -> none. */
    static final class ParseFill implements FlatMapFunction<String, OrderSums>
    {
        private final int[] columns;

        ParseFill(final int[] columns)
        {
            this.columns = columns.clone();
        }

        @Override
        public void flatMap(final String line, final Collector<OrderSums> out)
        {
            if (line.isEmpty() || line.startsWith(COLUMN_NAMES[0]))
            {
                return;
            }
            final String[] f = line.split(",", -1);
            if (!"F".equals(f[columns[8]].trim()))
            {
                return;
            }
            final String symbol = f[columns[0]];
            final int date = Integer.parseInt(f[columns[1]]);
            final int time = Integer.parseInt(f[columns[2]]);
            final long price = Long.parseLong(f[columns[3]]);
            final long qty = Long.parseLong(f[columns[4]]);
            final long buyNo = Long.parseLong(f[columns[5]]);
            final long sellNo = Long.parseLong(f[columns[6]]);
            final String flag = f[columns[7]];
            final char side;
            if ("B".equals(flag) || "S".equals(flag) || "N".equals(flag))
            {
                side = flag.charAt(0);
            }
            else if (time < AUCTION_END || time >= CLOSE_AUCTION_START)
            {
                side = 'N';
            }
            else
            {
                side = buyNo > sellNo ? 'B' : buyNo < sellNo ? 'S' : 'N';
            }
            final long amount = price * qty;
            out.collect(order(symbol, date, false, buyNo, qty, amount, side == 'B'));
            out.collect(order(symbol, date, true, sellNo, qty, amount, side == 'S'));
        }

        private static OrderSums order(final String symbol, final int date, final boolean sell, final long orderNo,
            final long qty, final long amount, final boolean aggressive)
        {
            final OrderSums o = new OrderSums();
            o.symbol = symbol;
            o.date = date;
            o.sell = sell;
            o.orderNo = orderNo;
            o.shares = qty;
            o.amount = amount;
            o.aggressiveShares = aggressive ? qty : 0;
            o.aggressiveAmount = aggressive ? amount : 0;
            return o;
        }
    }

    static final class OrderKey implements KeySelector<OrderSums, Tuple4<String, Integer, Boolean, Long>>
    {
        @Override
        public Tuple4<String, Integer, Boolean, Long> getKey(final OrderSums o)
        {
            return Tuple4.of(o.symbol, o.date, o.sell, o.orderNo);
        }
    }

    static final class AddOrderSums implements ReduceFunction<OrderSums>
    {
        @Override
        public OrderSums reduce(final OrderSums a, final OrderSums b)
        {
            a.shares += b.shares;
            a.amount += b.amount;
            a.aggressiveShares += b.aggressiveShares;
            a.aggressiveAmount += b.aggressiveAmount;
            return a;
        }
    }

    /** An order's day sums -> its contributions to its symbol-day's class sums. */
    static final class Classify implements MapFunction<OrderSums, ClassSums>
    {
        @Override
        public ClassSums map(final OrderSums o)
        {
            final ClassSums r = new ClassSums();
            r.symbol = o.symbol;
            r.date = o.date;
            r.sums = new long[16];
            final int column = o.sell ? 1 : 0;
            if (o.aggressiveAmount != 0)
            {
                r.sums[sizeClass(o.aggressiveShares, o.aggressiveAmount) * 4 + column] = o.aggressiveAmount;
            }
            r.sums[sizeClass(o.shares, o.amount) * 4 + 2 + column] += o.amount;
            return r;
        }
    }

    /** A symbol-day's sums -> its rows of OUT.csv, one per class with a non-zero amount. */
    static final class ToRows implements FlatMapFunction<ClassSums, String>
    {
        @Override
        public void flatMap(final ClassSums r, final Collector<String> out)
        {
            final long[] s = r.sums;
            for (int c = 0; c < CLASSES.length; c++)
            {
                final int at = c * 4;
                if (s[at] != 0 || s[at + 1] != 0 || s[at + 2] != 0 || s[at + 3] != 0)
                {
                    out.collect(r.symbol + "," + r.date + "," + CLASSES[c] + "," + s[at] + "," + s[at + 1] + "," +
                        s[at + 2] + "," + s[at + 3]);
                }
            }
        }
    }

    static final class SymbolDayKey implements KeySelector<ClassSums, Tuple2<String, Integer>>
    {
        @Override
        public Tuple2<String, Integer> getKey(final ClassSums r)
        {
            return Tuple2.of(r.symbol, r.date);
        }
    }

    static final class AddClassSums implements ReduceFunction<ClassSums>
    {
        @Override
        public ClassSums reduce(final ClassSums a, final ClassSums b)
        {
            for (int i = 0; i < a.sums.length; i++)
            {
                a.sums[i] += b.sums[i];
            }
            return a;
        }
    }
}
