/*
 * The analysis components our search backends use that Elasticsearch keeps in its
 * analysis-common module, for the integ-test distribution (which ships without that
 * module, and whose jar Elastic does not publish on Maven Central).
 *
 * Built and installed by scripts/services/elasticsearch.sh (javac against the
 * distribution's own lib/ jars). Each component wraps the same Lucene class as the
 * analysis-common one of the same name, with the same settings and defaults, for the
 * subset of options that Wagtail/modelsearch and search/backends/vietnamese.py use:
 *
 *   char_filter  mapping       (mappings: ["a => b", ...])
 *   filter       asciifolding  (preserve_original)
 *                lowercase     (no "language" option)
 *                ngram         (min_gram 1, max_gram 2, preserve_original)
 *                edge_ngram    (min_gram 1, max_gram 2, preserve_original; front side only)
 *   tokenizer    ngram, edge_ngram (min_gram 1, max_gram 2; no token_chars)
 *
 * An option outside that subset is rejected, so an index never silently analyses
 * differently from a real Elasticsearch.
 */
package portal.analysis;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

public class PortalAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** Refuse options this subset does not implement (see the header). */
    static void onlyOptions(String component, Settings settings, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String key : settings.keySet()) {
            // "type" names the component; "index.*"/"version" are what ES itself adds.
            if (!key.equals("type") && !key.equals("version") && !key.startsWith("index.") && !ok.contains(key)) {
                throw new IllegalArgumentException(
                    "[" + component + "] option [" + key + "] is not supported by the portal test distribution's analysis plugin"
                );
            }
        }
    }

    // Lucene's edge n-grams start at the front only (the "back" side was removed).
    static void frontOnly(Settings settings) {
        if (!"front".equals(settings.get("side", "front"))) {
            throw new IllegalArgumentException("[edge_ngram] only side [front] is supported here");
        }
    }

    // ---- char filters ----------------------------------------------------

    static final class MappingCharFilterFactory extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private static final Pattern RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");
        private final NormalizeCharMap map;

        MappingCharFilterFactory(String name, Settings settings) {
            super(name);
            onlyOptions("mapping", settings, "mappings");
            List<String> rules = settings.getAsList("mappings");
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("mapping requires [mappings] to be configured");
            }
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            for (String rule : rules) {
                Matcher m = RULE.matcher(rule);
                if (!m.find()) {
                    throw new IllegalArgumentException("Invalid mapping rule : [" + rule + "]");
                }
                String lhs = m.group(1).trim();
                String rhs = m.group(2).trim();
                if (lhs.isEmpty()) {
                    throw new IllegalArgumentException("Invalid mapping rule: [" + rule + "]. Illegal mapping.");
                }
                builder.add(lhs, rhs);
            }
            map = builder.build();
        }

        @Override
        public Reader create(Reader reader) {
            return new MappingCharFilter(map, reader);
        }
    }

    // ---- token filters ---------------------------------------------------

    static final class AsciiFoldingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFoldingFactory(String name, Settings settings) {
            super(name, settings);
            onlyOptions("asciifolding", settings, "preserve_original");
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream stream) {
            return new ASCIIFoldingFilter(stream, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream stream) {
            return new ASCIIFoldingFilter(stream, false);
        }
    }

    static final class LowerCaseFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        LowerCaseFactory(String name, Settings settings) {
            super(name, settings);
            onlyOptions("lowercase", settings);
        }

        @Override
        public TokenStream create(TokenStream stream) {
            return new LowerCaseFilter(stream);
        }
    }

    static final class NGramFilterFactory extends AbstractTokenFilterFactory {
        private final int min, max;
        private final boolean preserveOriginal, edge;

        NGramFilterFactory(String name, Settings settings, boolean edge) {
            super(name, settings);
            if (edge) {
                onlyOptions("edge_ngram", settings, "min_gram", "max_gram", "preserve_original", "side");
                frontOnly(settings);
            } else {
                onlyOptions("ngram", settings, "min_gram", "max_gram", "preserve_original");
            }
            this.edge = edge;
            min = settings.getAsInt("min_gram", 1);
            max = settings.getAsInt("max_gram", 2);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream stream) {
            return edge ? new EdgeNGramTokenFilter(stream, min, max, preserveOriginal)
                : new NGramTokenFilter(stream, min, max, preserveOriginal);
        }
    }

    // ---- tokenizers --------------------------------------------------------

    static final class NGramTokenizerFactory extends AbstractTokenizerFactory {
        private final int min, max;
        private final boolean edge;

        NGramTokenizerFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
            super(indexSettings, settings, name);
            onlyOptions(edge ? "edge_ngram" : "ngram", settings, "min_gram", "max_gram", "side");
            frontOnly(settings);
            this.edge = edge;
            min = settings.getAsInt("min_gram", 1);
            max = settings.getAsInt("max_gram", 2);
        }

        @Override
        public Tokenizer create() {
            return edge ? new EdgeNGramTokenizer(min, max) : new NGramTokenizer(min, max);
        }
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("mapping", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new MappingCharFilterFactory(name, s)));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "asciifolding", (is, env, name, s) -> new AsciiFoldingFactory(name, s),
            "lowercase", (is, env, name, s) -> new LowerCaseFactory(name, s),
            "ngram", (is, env, name, s) -> new NGramFilterFactory(name, s, false),
            "edge_ngram", (is, env, name, s) -> new NGramFilterFactory(name, s, true)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "ngram", (is, env, name, s) -> new NGramTokenizerFactory(is, name, s, false),
            "edge_ngram", (is, env, name, s) -> new NGramTokenizerFactory(is, name, s, true)
        );
    }
}
