package org.minyi.nlp.learn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A linear classifier over hashed sparse features: softmax over the classes (single-label: sentiment) or one
 * sigmoid per class (multi-label: categories). Immutable once trained; thread-safe for prediction.
 * Serialised as base64 of deflated binary (only the non-zero weights, as float), so it fits a text column.
 */
public final class LinearModel {

    private static final int MAGIC = 0x4D594C31;   // "MYL1"

    private final List<String> classes;
    private final boolean multiLabel;
    private final int bits;
    /** weights[feature * classes + class]: the weights of one feature share a cache line */
    final float[] weights;
    final float[] bias;

    LinearModel(List<String> classes, boolean multiLabel, int bits, float[] weights, float[] bias) {
        this.classes = List.copyOf(classes);
        this.multiLabel = multiLabel;
        this.bits = bits;
        this.weights = weights;
        this.bias = bias;
    }

    public List<String> classes() {
        return classes;
    }

    public boolean multiLabel() {
        return multiLabel;
    }

    public int bits() {
        return bits;
    }

    int dim() {
        return 1 << bits;
    }

    /** Raw scores per class. */
    double[] scores(Features.Vector x) {
        int c = classes.size();
        double[] s = new double[c];
        for (int k = 0; k < c; k++) {
            s[k] = bias[k];
        }
        int[] idx = x.index();
        float[] val = x.value();
        for (int j = 0; j < idx.length; j++) {
            int off = idx[j] * c;
            float v = val[j];
            for (int k = 0; k < c; k++) {
                s[k] += weights[off + k] * v;
            }
        }
        return s;
    }

    /** Probabilities per class, in the order of {@link #classes()}: softmax, or independent sigmoids when multi-label. */
    public double[] probabilities(Features.Vector x) {
        double[] s = scores(x);
        if (multiLabel) {
            for (int k = 0; k < s.length; k++) {
                s[k] = 1 / (1 + Math.exp(-s[k]));
            }
            return s;
        }
        softmaxInPlace(s);
        return s;
    }

    static void softmaxInPlace(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < s.length; k++) {
            s[k] = Math.exp(s[k] - max);
            sum += s[k];
        }
        for (int k = 0; k < s.length; k++) {
            s[k] /= sum;
        }
    }

    /** Base64 text of the deflated model. */
    public String serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(MAGIC);
            out.writeBoolean(multiLabel);
            out.writeByte(bits);
            out.writeShort(classes.size());
            for (String c : classes) {
                out.writeUTF(c);
            }
            for (float b : bias) {
                out.writeFloat(b);
            }
            int nonZero = 0;
            for (float w : weights) {
                if (w != 0) {
                    nonZero++;
                }
            }
            out.writeInt(nonZero);
            int last = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0) {
                    writeVarInt(out, i - last);   // gaps between indices: small numbers compress well
                    last = i;
                    out.writeFloat(weights[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Reads what {@link #serialize()} wrote. */
    public static LinearModel deserialize(String text) {
        byte[] raw = Base64.getDecoder().decode(text);
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(raw)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a minyi model");
            }
            boolean multi = in.readBoolean();
            int bits = in.readByte();
            int c = in.readShort();
            String[] classes = new String[c];
            for (int k = 0; k < c; k++) {
                classes[k] = in.readUTF();
            }
            float[] bias = new float[c];
            for (int k = 0; k < c; k++) {
                bias[k] = in.readFloat();
            }
            float[] w = new float[c << bits];
            int nonZero = in.readInt();
            int pos = 0;
            for (int i = 0; i < nonZero; i++) {
                pos += readVarInt(in);
                w[pos] = in.readFloat();
            }
            return new LinearModel(List.of(classes), multi, bits, w, bias);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt model: " + e.getMessage(), e);
        }
    }

    private static void writeVarInt(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int v = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }
}
