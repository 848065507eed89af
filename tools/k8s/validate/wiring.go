package main

import (
	"regexp"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// namedPortsResolve: a probe that names a port names one of its container's (the API server only checks the
// name's syntax; a typo leaves the probe failing for ever).
func (c *checker) namedPortsResolve(where string, container corev1.Container) {
	names := map[string]bool{}
	for _, port := range container.Ports {
		names[port.Name] = true
	}
	for _, p := range probesOf(container) {
		kind, probe := p.kind, p.probe
		if probe == nil {
			continue
		}
		var port *intstr.IntOrString
		if probe.HTTPGet != nil {
			port = &probe.HTTPGet.Port
		} else if probe.TCPSocket != nil {
			port = &probe.TCPSocket.Port
		}
		if port != nil && port.Type == intstr.String && !names[port.StrVal] {
			c.fail(where, "%s probe names port %q, which the container does not declare", kind, port.StrVal)
		}
	}
}

// address is a host:port a configuration value points at, e.g. catalog:9451 or http://jaeger:4318.
var address = regexp.MustCompile(`^(?:[a-z]+://)?([a-z0-9-]+):([0-9]+)(?:/.*)?$`)

// wiring checks, within one overlay, that every Service's target ports are declared by the pods it selects and
// that every in-namespace address a ConfigMap holds (a host without dots: a Service name) is a Service with
// that port. Addresses with dots (other namespaces, the internet) are the cluster's to provide.
func (c *checker) wiring(overlay string, objects []object) {
	templates := map[string]*corev1.PodTemplateSpec{}
	servicePorts := map[string]map[int32]bool{}
	for _, o := range objects {
		if template, serving := podTemplate(o); template != nil && serving {
			templates[o.kind+"/"+o.name] = template
		}
		if service, ok := o.external.(*corev1.Service); ok {
			servicePorts[o.name] = map[int32]bool{}
			for _, port := range service.Spec.Ports {
				servicePorts[o.name][port.Port] = true
			}
		}
	}
	for _, o := range objects {
		switch v := o.external.(type) {
		case *corev1.Service:
			for _, port := range v.Spec.Ports {
				if port.TargetPort.Type != intstr.String {
					continue
				}
				for workload, template := range templates {
					if len(v.Spec.Selector) == 0 || !labels.SelectorFromSet(v.Spec.Selector).Matches(labels.Set(template.Labels)) {
						continue
					}
					if !declaresPort(template, port.TargetPort.StrVal) {
						c.fail(o.where(), "targets port %q, which %s does not declare", port.TargetPort.StrVal, workload)
					}
				}
			}
		case *corev1.ConfigMap:
			for key, value := range v.Data {
				for _, item := range strings.Split(value, ",") {
					match := address.FindStringSubmatch(strings.TrimSpace(item))
					if match == nil {
						continue
					}
					host := match[1]
					port, _ := strconv.Atoi(match[2])
					if !servicePorts[host][int32(port)] {
						c.fail(o.where(), "%s points at %s:%d, but the overlay has no Service %s with port %d", key, host, port, host, port)
					}
				}
			}
		}
	}
}

func declaresPort(template *corev1.PodTemplateSpec, name string) bool {
	for _, container := range template.Spec.Containers {
		for _, port := range container.Ports {
			if port.Name == name {
				return true
			}
		}
	}
	return false
}

type namedProbe struct {
	kind  string
	probe *corev1.Probe
}

func probesOf(container corev1.Container) []namedProbe {
	return []namedProbe{{"startup", container.StartupProbe}, {"readiness", container.ReadinessProbe}, {"liveness", container.LivenessProbe}}
}
