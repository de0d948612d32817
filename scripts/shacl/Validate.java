// Validate an RDF file against SHACL shapes with Apache Jena; used by the tests on the
// real graph's dump. Exit status: 0 conforms, 1 violations (the first ones printed),
// 2 a file that cannot be read.
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;

public final class Validate {
    private static final int SHOWN = 20;

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Validate SHAPES DATA");
            System.exit(2);
        }
        Graph shapesGraph;
        Graph data;
        try {
            shapesGraph = RDFDataMgr.loadGraph(args[0]);
            data = RDFDataMgr.loadGraph(args[1]);
        } catch (RuntimeException err) {
            System.err.println("shacl-validate: " + err.getMessage());
            System.exit(2);
            return;
        }
        Shapes shapes = Shapes.parse(shapesGraph);
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        if (report.conforms()) {
            System.out.println("conforms: " + data.size() + " triples");
            return;
        }
        int count = report.getEntries().size();
        System.out.println(count + " violation(s) in " + data.size() + " triples");
        int shown = 0;
        for (ReportEntry entry : report.getEntries()) {
            if (shown++ == SHOWN) {
                break;
            }
            System.out.println(entry.focusNode() + " " + entry.resultPath() + ": " + entry.message());
        }
        System.exit(1);
    }
}
