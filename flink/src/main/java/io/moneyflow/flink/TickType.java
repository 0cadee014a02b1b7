package io.moneyflow.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink's type of a {@link Tick}, with a serializer written for it: the key, the record's place, its bytes and its
 * instant, in that order, and the rare count or note after a flag. Flink's generic POJO serializer (a null flag per
 * field, fields set by reflection) took a large share of the job's time.
 */
public final class TickType extends TypeInformation<Tick>
{
    private static final long serialVersionUID = 1L;

    /** The type. */
    public static final TickType INFO = new TickType();

    @Override
    public boolean isBasicType()
    {
        return false;
    }

    @Override
    public boolean isTupleType()
    {
        return false;
    }

    @Override
    public int getArity()
    {
        return 1;
    }

    @Override
    public int getTotalFields()
    {
        return 1;
    }

    @Override
    public Class<Tick> getTypeClass()
    {
        return Tick.class;
    }

    @Override
    public boolean isKeyType()
    {
        return false;
    }

    @Override
    public TypeSerializer<Tick> createSerializer(final SerializerConfig config)
    {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString()
    {
        return "Tick";
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof TickType;
    }

    @Override
    public int hashCode()
    {
        return Tick.class.hashCode();
    }

    @Override
    public boolean canEqual(final Object other)
    {
        return other instanceof TickType;
    }

    /** The serializer. */
    public static final class Serializer extends TypeSerializerSingleton<Tick>
    {
        private static final long serialVersionUID = 1L;

        /** The one instance. */
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType()
        {
            return false;
        }

        @Override
        public Tick createInstance()
        {
            return new Tick();
        }

        @Override
        public Tick copy(final Tick from)
        {
            final Tick to = new Tick();
            to.key = from.key;
            to.input = from.input;
            to.position = from.position;
            to.instant = from.instant;
            // a record's bytes are never written once made
            to.record = from.record;
            to.reason = from.reason;
            to.count = from.count;
            to.note = from.note;
            to.fails = from.fails;
            return to;
        }

        @Override
        public Tick copy(final Tick from, final Tick reuse)
        {
            return copy(from);
        }

        @Override
        public int getLength()
        {
            return -1;
        }

        @Override
        public void serialize(final Tick tick, final DataOutputView out) throws IOException
        {
            out.writeLong(tick.key);
            out.writeInt(tick.input);
            out.writeLong(tick.position);
            if (tick.record != null)
            {
                out.writeInt(tick.record.length);
                out.write(tick.record);
                out.writeLong(tick.instant);
                return;
            }
            out.writeInt(-1);
            out.writeInt(tick.reason);
            out.writeLong(tick.count);
            out.writeBoolean(tick.note != null);
            if (tick.note != null)
            {
                out.writeUTF(tick.note);
            }
            out.writeBoolean(tick.fails);
        }

        @Override
        public Tick deserialize(final DataInputView in) throws IOException
        {
            final Tick tick = new Tick();
            tick.key = in.readLong();
            tick.input = in.readInt();
            tick.position = in.readLong();
            final int length = in.readInt();
            if (length >= 0)
            {
                tick.record = new byte[length];
                in.readFully(tick.record);
                tick.instant = in.readLong();
                return tick;
            }
            tick.reason = in.readInt();
            tick.count = in.readLong();
            if (in.readBoolean())
            {
                tick.note = in.readUTF();
            }
            tick.fails = in.readBoolean();
            return tick;
        }

        @Override
        public Tick deserialize(final Tick reuse, final DataInputView in) throws IOException
        {
            return deserialize(in);
        }

        @Override
        public void copy(final DataInputView in, final DataOutputView out) throws IOException
        {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<Tick> snapshotConfiguration()
        {
            return new Snapshot();
        }
    }

    /** The serializer's snapshot, for checkpoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Tick>
    {
        /** For Flink. */
        public Snapshot()
        {
            super(() -> Serializer.INSTANCE);
        }
    }
}
