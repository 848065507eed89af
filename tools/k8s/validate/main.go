// Command validate checks rendered Kubernetes manifests (the output of `kustomize build`) with Kubernetes' own
// code, then with the store's deployment rules:
//
//  1. strict decoding into the k8s.io/api types (an unknown or duplicated field is an error, as
//     `kubectl apply --validate=strict` makes it);
//  2. the API server's defaulting, conversion to the internal types and validation
//     (k8s.io/kubernetes/pkg/apis/<group>/validation): what `kubectl apply` would be refused for;
//  3. best practices: every container with probes, requests and limits, non-root, read-only root file system,
//     no privilege escalation; each store app with its Service, PodDisruptionBudget and (where listed)
//     HorizontalPodAutoscaler; gRPC services probed with native gRPC probes; the gateway never probed on
//     /health (503 while degraded); a grace period longer than the services' stop bound.
//
// Usage: validate [flags] <overlay>=<rendered.yaml> ...
// Errors go to stderr, one line each; the last stdout line is a JSON summary. Exits 1 on any error.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"k8s.io/kubernetes/pkg/api/legacyscheme"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
)

type options struct {
	apps        []string
	autoscaled  []string
	grpcApps    []string
	httpApps    []string
	stopBoundMs int
	noSecrets   []string
}

type summary struct {
	Manifests     int            `json:"manifests"`
	Overlays      map[string]int `json:"overlays"`
	Kinds         map[string]int `json:"kinds"`
	Deployments   []string       `json:"deployments"`
	ProbesMissing int            `json:"probes_missing"`
	Errors        int            `json:"errors"`
}

type checker struct {
	opts    options
	sum     summary
	decoder runtime.Decoder
}

func main() {
	var apps, autoscaled, grpcApps, httpApps, noSecrets string
	opts := options{}
	flag.StringVar(&apps, "apps", "", "comma-separated Deployments every overlay must hold, each with a Service and a PodDisruptionBudget")
	flag.StringVar(&autoscaled, "autoscaled", "", "comma-separated Deployments that must have a HorizontalPodAutoscaler")
	flag.StringVar(&grpcApps, "grpc", "", "comma-separated Deployments serving grpc.health.v1: readiness must be a native gRPC probe")
	flag.StringVar(&httpApps, "http", "", "comma-separated Deployments probed over HTTP, never on /health")
	flag.IntVar(&opts.stopBoundMs, "stop-bound-ms", 5000, "the services' hard stop bound: terminationGracePeriodSeconds must exceed it")
	flag.StringVar(&noSecrets, "no-secrets", "", "comma-separated overlays that must not carry any Secret")
	flag.Parse()
	opts.apps, opts.autoscaled, opts.grpcApps, opts.httpApps, opts.noSecrets =
		list(apps), list(autoscaled), list(grpcApps), list(httpApps), list(noSecrets)
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: validate [flags] <overlay>=<rendered.yaml> ...")
		os.Exit(2)
	}

	c := &checker{
		opts: opts,
		sum:  summary{Overlays: map[string]int{}, Kinds: map[string]int{}, Deployments: []string{}},
		// Strict: unknown and duplicate fields are errors, as the API server's strict field validation has them.
		decoder: serializer.NewCodecFactory(legacyscheme.Scheme, serializer.EnableStrict).UniversalDeserializer(),
	}
	deployments := map[string]bool{}
	for _, arg := range flag.Args() {
		overlay, path, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "argument %q is not <overlay>=<file>\n", arg)
			os.Exit(2)
		}
		objects := c.checkFile(overlay, path)
		for _, o := range objects {
			if o.kind == "Deployment" {
				deployments[o.name] = true
			}
		}
	}
	for name := range deployments {
		c.sum.Deployments = append(c.sum.Deployments, name)
	}
	sort.Strings(c.sum.Deployments)
	line, _ := json.Marshal(c.sum)
	fmt.Println(string(line))
	if c.sum.Errors > 0 {
		os.Exit(1)
	}
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

func (c *checker) fail(where, format string, args ...any) {
	c.sum.Errors++
	fmt.Fprintf(os.Stderr, "%s: %s\n", where, fmt.Sprintf(format, args...))
}

// object is one decoded manifest: its identity and its typed external (versioned) value.
type object struct {
	overlay, kind, name string
	external            runtime.Object
}

func (o object) where() string { return fmt.Sprintf("%s/%s/%s", o.overlay, o.kind, o.name) }

// checkFile decodes and validates every document of one rendered overlay, then applies the cross-object rules.
func (c *checker) checkFile(overlay, path string) []object {
	data, err := os.ReadFile(path)
	if err != nil {
		c.fail(overlay, "cannot read %s: %v", path, err)
		return nil
	}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var objects []object
	for index := 0; ; index++ {
		doc, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.fail(overlay, "document %d: %v", index, err)
			break
		}
		if len(bytes.TrimSpace(doc)) == 0 || string(bytes.TrimSpace(doc)) == "---" {
			continue
		}
		if o, ok := c.decode(overlay, index, doc); ok {
			objects = append(objects, o)
			c.sum.Manifests++
			c.sum.Overlays[overlay]++
			c.sum.Kinds[o.kind]++
			c.validate(o)
			c.practices(o)
		}
	}
	c.crossChecks(overlay, objects)
	return objects
}

// decode turns one YAML document into its versioned type, strictly.
func (c *checker) decode(overlay string, index int, doc []byte) (object, bool) {
	jsonDoc, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		c.fail(fmt.Sprintf("%s/document %d", overlay, index), "not strict YAML: %v", err)
		return object{}, false
	}
	var meta struct {
		Kind     string `json:"kind"`
		Metadata struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	_ = json.Unmarshal(jsonDoc, &meta)
	where := fmt.Sprintf("%s/%s/%s", overlay, meta.Kind, meta.Metadata.Name)
	obj, gvk, err := c.decoder.Decode(jsonDoc, nil, nil)
	if err != nil {
		// A strict decoding error still returns the object: unknown fields are reported, and nothing else runs.
		c.fail(where, "strict decoding: %v", err)
		return object{}, false
	}
	if gvk.Version == runtime.APIVersionInternal {
		c.fail(where, "no apiVersion")
		return object{}, false
	}
	return object{overlay: overlay, kind: gvk.Kind, name: meta.Metadata.Name, external: obj}, true
}

// validate runs the API server's defaulting, conversion and validation of the object's group.
func (c *checker) validate(o object) {
	defaulted := o.external.DeepCopyObject()
	legacyscheme.Scheme.Default(defaulted)
	gvk := defaulted.GetObjectKind().GroupVersionKind()
	internal, err := legacyscheme.Scheme.ConvertToVersion(defaulted, schema.GroupVersion{Group: gvk.Group, Version: runtime.APIVersionInternal})
	if err != nil {
		c.fail(o.where(), "conversion to the internal type: %v", err)
		return
	}
	errs, known := apiValidation(internal)
	if !known {
		c.fail(o.where(), "kind %s is not one the validator knows: add its API validation", gvk.Kind)
		return
	}
	for _, e := range errs {
		c.fail(o.where(), "API validation: %s", e)
	}
}
